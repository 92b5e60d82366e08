using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>Small shared steps every chart takes when it builds its plot.</summary>
internal static class PlotSetup
{
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (title.Length > 0) plot.Title(title);
        if (xLabel.Length > 0) plot.XLabel(xLabel);
        if (yLabel.Length > 0) plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>A text label in data coordinates, in a font that can draw it.</summary>
    public static void AddLabel(Plot plot, string text, double x, double y, Alignment alignment, float size = 12)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = ChartFonts.For(text);
        label.LabelFontSize = size;
        label.LabelAlignment = alignment;
        label.LabelFontColor = Colors.Black;
    }

    public static void CheckSameLength(string name, int xCount, int yCount)
    {
        if (xCount != yCount) throw new ArgumentException($"Series '{name}' has {xCount} x values but {yCount} y values.");
    }

    /// <summary>Tick labels at integer positions: category axes for bars and heatmaps.</summary>
    public static Tick[] CategoryTicks(IReadOnlyList<string> labels, Func<int, double> position) =>
        labels.Select((label, i) => new Tick(position(i), label)).ToArray();

    public static void AddReferenceLine(Plot plot, ReferenceLine reference)
    {
        var line = reference.Orientation == LineOrientation.Vertical
            ? (ScottPlot.Plottables.AxisLine)plot.Add.VerticalLine(reference.Position)
            : plot.Add.HorizontalLine(reference.Position);
        line.Color = Colors.Gray;
        line.LineWidth = 1;
        line.LabelOppositeAxis = true;
        line.LabelText = reference.Label;
        line.LabelFontName = ChartFonts.For(reference.Label);
    }
}

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

    /// <summary>
    /// Shows the legend under the chart, outside the data area, so it never covers a curve or a bar; entries run
    /// left to right and wrap onto more rows when they do not fit.
    /// </summary>
    public static void ShowLegendBelow(Plot plot)
    {
        var panel = plot.ShowLegend(Edge.Bottom);
        panel.Padding = new PixelPadding(0, 0, 4, 0);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Colors.LightGray;
        plot.Legend.Margin = new PixelPadding(0);
    }

    /// <summary>A text label in data coordinates, in a font that can draw it.</summary>
    public static void AddLabel(Plot plot, string text, double x, double y, Alignment alignment, float size = 12, float offset = 0)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = ChartFonts.For(text);
        label.LabelFontSize = size;
        label.LabelAlignment = alignment;
        label.LabelFontColor = Colors.Black;
        // Away from the point in the direction the text extends.
        label.OffsetX = alignment.HorizontalFraction() switch { 0 => offset, 1 => -offset, _ => 0 };
        label.OffsetY = alignment.VerticalFraction() switch { 0 => offset, 1 => -offset, _ => 0 };
    }

    public static void CheckSameLength(string name, int xCount, int yCount)
    {
        if (xCount != yCount) throw new ArgumentException($"Series '{name}' has {xCount} x values but {yCount} y values.");
    }

    /// <summary>A category axis along the bottom: one label per position, no tick marks, labels clear of the frame.</summary>
    public static void BottomCategories(Plot plot, IReadOnlyList<string> labels, Func<int, double> position)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(CategoryTicks(labels, position));
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.OffsetY = 4;
    }

    /// <summary>Tick labels at integer positions: category axes for bars and heatmaps.</summary>
    public static Tick[] CategoryTicks(IReadOnlyList<string> labels, Func<int, double> position) =>
        labels.Select((label, i) => new Tick(position(i), label)).ToArray();

    /// <summary>
    /// Draws reference lines as grey lines labelled inside the data area (top of a vertical line, right end of a
    /// horizontal one). Call after everything else is added: labels are placed at the current axis limits, which
    /// are then fixed so the labels stay at the edge.
    /// </summary>
    public static void AddReferenceLines(Plot plot, IReadOnlyList<ReferenceLine> references, AxisLimits? fixedLimits = null)
    {
        if (references.Count == 0) return;
        foreach (var reference in references)
        {
            var line = reference.Orientation == LineOrientation.Vertical
                ? (ScottPlot.Plottables.AxisLine)plot.Add.VerticalLine(reference.Position)
                : plot.Add.HorizontalLine(reference.Position);
            line.Color = Colors.Gray;
            line.LineWidth = 1;
        }
        if (fixedLimits is { } given) plot.Axes.SetLimits(given.XMin, given.XMax, given.YMin, given.YMax);
        else plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        foreach (var reference in references.Where(r => r.Label.Length > 0))
        {
            var vertical = reference.Orientation == LineOrientation.Vertical;
            var label = plot.Add.Text(reference.Label, vertical ? reference.Position : limits.Right, vertical ? limits.Top : reference.Position);
            label.LabelFontName = ChartFonts.For(reference.Label);
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.DimGray;
            label.LabelAlignment = vertical ? Alignment.UpperLeft : Alignment.LowerRight;
            label.OffsetX = vertical ? 4 : -4;
            label.OffsetY = vertical ? 4 : -2;
        }
        plot.Axes.SetLimits(limits);
    }
}

using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>Vertical bars, one per labelled item, in the order given (missing % per column, class counts).</summary>
public sealed record BarChart(string Title, string XLabel, string YLabel, IReadOnlyList<BarItem> Bars) : IChart
{
    /// <summary>Write each bar's value above it, with this .NET format string (null: no value labels).</summary>
    public string? ValueFormat { get; init; }

    public Plot ToPlot()
    {
        var plot = PlotSetup.Create(Title, XLabel, YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        var bars = Bars.Select((item, i) => new Bar
        {
            Position = i,
            Value = item.Value,
            FillColor = palette.GetColor(0),
            Label = ValueFormat is null ? "" : item.Value.ToString(ValueFormat, System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontName = ChartFonts.For("0");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            PlotSetup.CategoryTicks(Bars.Select(b => b.Label).ToList(), i => i));
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}

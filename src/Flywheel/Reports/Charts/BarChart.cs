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
            Label = ValueFormat is null ? "" : ChartText.Number(item.Value, ValueFormat),
            LabelOffset = 0,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontName = ChartFonts.For("0");
        PlotSetup.BottomCategories(plot, Bars.Select(b => b.Label).ToList(), i => i);
        plot.HideGrid();
        SetValueLimits(plot);
        return plot;
    }

    /// <summary>Bars stand on zero; leave room above (and below, for negatives) so value labels are not cut off.</summary>
    private void SetValueLimits(Plot plot)
    {
        var low = Math.Min(0, Bars.Select(b => b.Value).DefaultIfEmpty(0).Min());
        var high = Math.Max(0, Bars.Select(b => b.Value).DefaultIfEmpty(1).Max());
        if (high == low) high = low + 1;
        var pad = (high - low) * 0.18;
        plot.Axes.SetLimits(-0.6, Bars.Count - 0.4, low < 0 ? low - pad : 0, high > 0 ? high + pad : 0);
    }
}

using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>
/// Two or more series of shares on the same categories, drawn as side-by-side bars per category (the monitoring
/// report's reference vs current distribution of a feature). Each series has one value per category label.
/// </summary>
public sealed record OverlaidBarChart(string Title, string XLabel, string YLabel, IReadOnlyList<string> Categories, IReadOnlyList<BarSeries> Series) : IChart
{
    public Plot ToPlot()
    {
        foreach (var series in Series) PlotSetup.CheckSameLength(series.Name, Categories.Count, series.Values.Count);
        var plot = PlotSetup.Create(Title, XLabel, YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        var width = 0.8 / Math.Max(1, Series.Count);
        for (var s = 0; s < Series.Count; s++)
        {
            var offset = -0.4 + width * (s + 0.5);
            var bars = Series[s].Values.Select((value, i) => new Bar
            {
                Position = i + offset,
                Value = double.IsFinite(value) ? value : 0,
                Size = width,
                FillColor = palette.GetColor(s).WithAlpha(0.85),
                LineWidth = 0,
            }).ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = Series[s].Name;
        }
        PlotSetup.BottomCategories(plot, Categories, i => i);
        plot.HideGrid();
        var high = Series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(-0.6, Categories.Count - 0.4, 0, high <= 0 ? 1 : high * 1.15);
        if (Series.Count > 1) PlotSetup.ShowLegendBelow(plot);
        return plot;
    }
}

/// <summary>One series of an <see cref="OverlaidBarChart"/>: a name for the legend and a value per category.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);

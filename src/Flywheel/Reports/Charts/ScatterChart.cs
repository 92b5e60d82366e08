using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>Named point clouds on shared axes (predicted vs actual, two features against each other).</summary>
public sealed record ScatterChart(string Title, string XLabel, string YLabel, IReadOnlyList<ScatterSeries> Series) : IChart
{
    public IReadOnlyList<ReferenceLine> ReferenceLines { get; init; } = [];

    public Plot ToPlot()
    {
        var plot = PlotSetup.Create(Title, XLabel, YLabel);
        foreach (var series in Series)
        {
            PlotSetup.CheckSameLength(series.Name, series.X.Count, series.Y.Count);
            var points = plot.Add.ScatterPoints(series.X.ToArray(), series.Y.ToArray());
            points.LegendText = series.Name;
            points.MarkerSize = 5;
        }
        if (Series.Count > 1) PlotSetup.ShowLegendBelow(plot);
        PlotSetup.AddReferenceLines(plot, ReferenceLines);
        return plot;
    }
}

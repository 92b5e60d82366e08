using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>Several named lines on shared axes, with optional labelled points and reference lines (payback, learning, ROC/PR curves).</summary>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<LineSeries> Series) : IChart
{
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];
    public IReadOnlyList<ReferenceLine> ReferenceLines { get; init; } = [];
    public AxisLimits? Limits { get; init; }

    public Plot ToPlot()
    {
        var plot = PlotSetup.Create(Title, XLabel, YLabel);
        foreach (var series in Series)
        {
            PlotSetup.CheckSameLength(series.Name, series.X.Count, series.Y.Count);
            var line = plot.Add.ScatterLine(series.X.ToArray(), series.Y.ToArray());
            line.LegendText = series.Name;
            line.LineWidth = 2;
        }
        foreach (var marker in Markers)
        {
            var point = plot.Add.Marker(marker.X, marker.Y);
            point.Color = Colors.Black;
            point.Size = 8;
            if (marker.Label.Length > 0) PlotSetup.AddLabel(plot, marker.Label, marker.X, marker.Y, Alignment.UpperLeft, offset: 5);
        }
        if (Series.Count > 1) PlotSetup.ShowLegendBelow(plot);
        if (Limits is { } limits) plot.Axes.SetLimits(limits.XMin, limits.XMax, limits.YMin, limits.YMax);
        PlotSetup.AddReferenceLines(plot, ReferenceLines, Limits);
        return plot;
    }
}

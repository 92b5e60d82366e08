using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>A histogram from precomputed bins: <c>BinEdges.Count == Counts.Count + 1</c>, edges increasing.</summary>
public sealed record HistogramChart(string Title, string XLabel, string YLabel, IReadOnlyList<double> BinEdges, IReadOnlyList<double> Counts) : IChart
{
    public Plot ToPlot()
    {
        if (BinEdges.Count != Counts.Count + 1)
            throw new ArgumentException($"A histogram with {Counts.Count} bins needs {Counts.Count + 1} edges, got {BinEdges.Count}.");
        for (var i = 1; i < BinEdges.Count; i++)
        {
            if (!(BinEdges[i] > BinEdges[i - 1])) throw new ArgumentException($"Bin edges must increase; edge {i} ({BinEdges[i]}) does not.");
        }
        var plot = PlotSetup.Create(Title, XLabel, YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        var bars = Counts.Select((count, i) => new Bar
        {
            Position = (BinEdges[i] + BinEdges[i + 1]) / 2,
            Size = BinEdges[i + 1] - BinEdges[i],
            Value = count,
            FillColor = palette.GetColor(0),
            LineColor = Colors.White,
            LineWidth = 1,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}

using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>
/// Sensitivity tornado: one row per parameter, top to bottom in the order given (sort before if you want the widest
/// on top). Each row has a bar from <see cref="BaseValue"/> to the outcome at the parameter's low end and one to the
/// outcome at its high end, in two colours named by <see cref="LowLegend"/> and <see cref="HighLegend"/>.
/// </summary>
public sealed record TornadoChart(string Title, string XLabel, double BaseValue, IReadOnlyList<TornadoBar> Bars) : IChart
{
    public string LowLegend { get; init; } = "low";
    public string HighLegend { get; init; } = "high";
    public string BaseLabel { get; init; } = "base";

    /// <summary>Row i is drawn at y = Count − 1 − i, so the first bar given is the top one.</summary>
    public double RowPosition(int index) => Bars.Count - 1 - index;

    public Plot ToPlot()
    {
        var plot = PlotSetup.Create(Title, XLabel, "");
        var palette = new ScottPlot.Palettes.Category10();
        var lowColor = palette.GetColor(0);
        var highColor = palette.GetColor(1);
        var bars = new List<Bar>();
        for (var i = 0; i < Bars.Count; i++)
        {
            bars.Add(new Bar { Position = RowPosition(i), ValueBase = BaseValue, Value = Bars[i].Low, FillColor = lowColor, Size = 0.7 });
            bars.Add(new Bar { Position = RowPosition(i), ValueBase = BaseValue, Value = Bars[i].High, FillColor = highColor, Size = 0.7 });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            PlotSetup.CategoryTicks(Bars.Select(b => b.Label).ToList(), RowPosition));
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = LowLegend, FillColor = lowColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = HighLegend, FillColor = highColor });
        // The base line is named in the legend: a label at its top would sit on the top row's bars.
        var baseLine = plot.Add.VerticalLine(BaseValue);
        baseLine.Color = Colors.Gray;
        baseLine.LineWidth = 1;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = BaseLabel, LineColor = Colors.Gray, LineWidth = 1 });
        PlotSetup.ShowLegendBelow(plot);
        return plot;
    }
}

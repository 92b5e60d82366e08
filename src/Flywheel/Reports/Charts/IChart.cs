using System.Text.Json.Serialization;
using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>
/// A chart definition: plain data that builds a ScottPlot <see cref="Plot"/>. Render it with
/// <see cref="ChartRendering.ToSvg"/> (for HTML reports) or <see cref="ChartRendering.ToPng"/>. In report JSON a chart
/// carries its kind in <c>"kind"</c> and its data, so any renderer can draw it again.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(BarChart), "bar")]
[JsonDerivedType(typeof(LineChart), "line")]
[JsonDerivedType(typeof(ScatterChart), "scatter")]
[JsonDerivedType(typeof(HistogramChart), "histogram")]
[JsonDerivedType(typeof(HeatmapChart), "heatmap")]
[JsonDerivedType(typeof(TornadoChart), "tornado")]
[JsonDerivedType(typeof(OverlaidBarChart), "overlaid_bar")]
public interface IChart
{
    string Title { get; }

    /// <summary>Builds a fresh plot; callers may restyle it before rendering.</summary>
    Plot ToPlot();
}

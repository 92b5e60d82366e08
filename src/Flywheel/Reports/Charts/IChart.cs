using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>
/// A chart definition: plain data that builds a ScottPlot <see cref="Plot"/>. Render it with
/// <see cref="ChartRendering.ToSvg"/> (for HTML reports) or <see cref="ChartRendering.ToPng"/>.
/// </summary>
public interface IChart
{
    string Title { get; }

    /// <summary>Builds a fresh plot; callers may restyle it before rendering.</summary>
    Plot ToPlot();
}

namespace Flywheel.Reports.Charts;

/// <summary>A named series of points joined by a line (payback curve per scenario, ROC curve per model).</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>A named cloud of points.</summary>
public sealed record ScatterSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>A labelled point drawn over a chart (break-even, chosen threshold).</summary>
public sealed record ChartMarker(double X, double Y, string Label);

public enum LineOrientation
{
    Vertical,
    Horizontal,
}

/// <summary>A labelled straight line across the chart: a vertical line at x = Position or a horizontal one at y = Position.</summary>
public sealed record ReferenceLine(LineOrientation Orientation, double Position, string Label)
{
    public static ReferenceLine Vertical(double x, string label) => new(LineOrientation.Vertical, x, label);
    public static ReferenceLine Horizontal(double y, string label) => new(LineOrientation.Horizontal, y, label);
}

/// <summary>Fixed axis limits, for charts whose scale means something (ROC curves live in [0,1]²).</summary>
public sealed record AxisLimits(double XMin, double XMax, double YMin, double YMax);

/// <summary>One labelled bar.</summary>
public sealed record BarItem(string Label, double Value);

/// <summary>
/// One tornado row: the outcome when the parameter is at its low end and at its high end.
/// Bars run from the chart's base value to each of them.
/// </summary>
public sealed record TornadoBar(string Label, double Low, double High);

using Flywheel.Evaluation.Curves;
using Flywheel.Evaluation.Decisions;

namespace Flywheel.Evaluation.Results;

/// <summary>
/// Everything measured about one model on one split, in shapes that JSON output and HTML reports render alike:
/// values (<see cref="Metrics"/>), a matrix of counts, a per-class table, curves, a lift table and the decision
/// analysis. Serialize with <see cref="EvaluationJson.Options"/> (camelCase; ±∞ thresholds as "Infinity").
/// </summary>
/// <param name="Task">"binary", "multiclass" or "regression".</param>
public sealed record EvaluationReport(
    string Task,
    long Rows,
    IReadOnlyList<MetricValue> Metrics,
    ConfusionMatrix? ConfusionMatrix = null,
    IReadOnlyList<ClassMetrics>? PerClass = null,
    IReadOnlyList<Curve>? Curves = null,
    IReadOnlyList<LiftRow>? Lift = null,
    DecisionReport? Decision = null)
{
    /// <summary>The value of a metric by name; null when absent or undefined.</summary>
    public double? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name)?.Value;
}

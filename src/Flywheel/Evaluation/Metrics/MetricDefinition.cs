using Flywheel.Evaluation.Results;
using Flywheel.Tasks;

namespace Flywheel.Evaluation.Metrics;


/// <summary>
/// What a metric is: its name (snake_case, used in JSON and as <c>model.&lt;name&gt;</c> in the value model), the task
/// it suits, whether higher is better, a one-line description, and why it can be undefined (null if never).
/// </summary>
public sealed record MetricDefinition(string Name, MlTask Task, bool HigherIsBetter, string Description, string? UndefinedWhen = null);

/// <summary>A metric definition together with its calculation over one kind of predictions.</summary>
public sealed record Metric<TPredictions>(MetricDefinition Definition, Func<TPredictions, double> Compute)
{
    public string Name => Definition.Name;

    /// <summary>Computes the metric; NaN (undefined) becomes a null value with a note.</summary>
    public MetricValue Evaluate(TPredictions predictions)
    {
        var value = Compute(predictions);
        return double.IsNaN(value)
            ? new MetricValue(Definition.Name, null, Definition.HigherIsBetter, $"undefined: {Definition.UndefinedWhen ?? "not computable on this input"}")
            : new MetricValue(Definition.Name, value, Definition.HigherIsBetter);
    }
}

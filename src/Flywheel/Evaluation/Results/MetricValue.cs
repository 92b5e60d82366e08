namespace Flywheel.Evaluation.Results;

/// <summary>
/// One metric's value on one set of predictions. <see cref="Value"/> is null when the metric is undefined on that
/// input (for example AUC with a single class), and <see cref="Note"/> then says why.
/// </summary>
public sealed record MetricValue(string Name, double? Value, bool HigherIsBetter, string? Note = null);

namespace Flywheel.Evaluation.Results;

/// <summary>One row of the per-class table: how well one class is found. Support = rows of that class, Predicted = rows predicted as it.</summary>
public sealed record ClassMetrics(string Class, double Precision, double Recall, double F1, long Support, long Predicted);

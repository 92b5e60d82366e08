namespace Flywheel.Serving;

/// <summary>Whether the model's answer is acted on directly or a person decides.</summary>
public enum DecisionRoute
{
    Automatic,
    Review,
}

/// <summary>
/// One scored row. Binary: <see cref="Score"/> is the probability of the positive class. Multiclass: the
/// probability of the predicted class, with all of them in <see cref="ClassProbabilities"/>. Regression: the
/// predicted value in target units.
/// </summary>
public sealed record ScoredRow(double Score, string Label, DecisionRoute Decision, IReadOnlyList<double>? ClassProbabilities = null);

namespace Flywheel.Serving;

/// <summary>Whether the model's answer is acted on directly or a person decides.</summary>
public enum DecisionRoute
{
    Automatic,
    Review,
}

/// <summary>
/// One scored row. Binary: <see cref="Score"/> is the probability of the positive class. Multiclass: the
/// probability of the predicted class, with all of them in <see cref="ClassProbabilities"/> (in class order).
/// Regression: the predicted value in target units. <see cref="SuggestedLabel"/> is the model's answer whatever the
/// route; <see cref="Label"/> is the answer acted on, null when the row goes to a person.
/// </summary>
public sealed record ScoredRow(double Score, string SuggestedLabel, DecisionRoute Decision, IReadOnlyList<double>? ClassProbabilities = null)
{
    public string? Label => Decision == DecisionRoute.Review ? null : SuggestedLabel;
}

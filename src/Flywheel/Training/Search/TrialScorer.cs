namespace Flywheel.Training.Search;

/// <summary>A trial's objective value (what the search maximizes or minimizes) and the metrics shown beside it.</summary>
public sealed record TrialScore(double Objective, IReadOnlyDictionary<string, double> Metrics);

/// <summary>
/// Scores a model's out-of-sample predictions. Training does not compute metrics itself: the caller passes the
/// Evaluation stage's metric, or the expected value per item of its decision policy.
/// </summary>
public interface ITrialScorer
{
    string ObjectiveName { get; }
    bool HigherIsBetter { get; }
    TrialScore Score(Predictions predictions);
}

public static class TrialScorerExtensions
{
    /// <summary>True when <paramref name="candidate"/> beats <paramref name="incumbent"/> (ties keep the incumbent, so the earlier trial wins).</summary>
    public static bool Better(this ITrialScorer scorer, double candidate, double incumbent) =>
        scorer.HigherIsBetter ? candidate > incumbent : candidate < incumbent;
}

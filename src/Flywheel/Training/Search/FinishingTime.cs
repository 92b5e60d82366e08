using Flywheel.Training.Curves;
using Flywheel.Training.Trainers;

namespace Flywheel.Training.Search;

/// <summary>
/// How long training will take after the search, estimated from the trials' measured durations, so the search can
/// stop in time for it: the learning curve of a boosted winner (its checkpoints add up to
/// <see cref="CurveFits"/> fits) and its re-evaluation, then the refit of the winner and of the best configuration of
/// the runner-up trainers (an ensemble's likely members) on train + validation (<see cref="RefitFits"/> fits each:
/// more rows). A trial's duration covers <paramref name="fitsPerEvaluation"/> fits (the folds of cross-validation).
/// </summary>
public sealed class FinishingTime(IReadOnlyList<TrainerDefinition> trainers, int fitsPerEvaluation, bool higherIsBetter)
{
    public static readonly double CurveFits = LearningCurveTracer.Checkpoints(800).Sum() / 800.0;
    public const double RefitFits = 1.3;
    /// <summary>Trainers whose best configuration is expected in an ensemble (the leader and two runners-up).</summary>
    public const int LikelyMembers = 3;

    public TimeSpan Estimate(IReadOnlyList<Trial> trials)
    {
        var leaders = SearchResult.EnsemblePool(trials, higherIsBetter).DistinctBy(t => t.Trainer).Take(LikelyMembers).ToList();
        if (leaders.Count == 0) return TimeSpan.Zero;
        TimeSpan Fit(Trial trial) => trial.Duration / fitsPerEvaluation;
        var best = leaders[0];
        var curve = trainers.First(t => t.Name == best.Trainer).IsBoosted ? Fit(best) * CurveFits + best.Duration : TimeSpan.Zero;
        return curve + leaders.Aggregate(TimeSpan.Zero, (sum, trial) => sum + Fit(trial) * RefitFits);
    }
}

using Flywheel.Training.Curves;
using Flywheel.Training.Trainers;

namespace Flywheel.Training.Search;

/// <summary>
/// How long training will take after the search, estimated from the trials' measured durations, so the search can
/// stop in time for it: the learning curve of a boosted winner (its checkpoints add up to <see cref="CurveFits"/>
/// fits) and its re-evaluation, then the refit on train + validation (<see cref="RefitFits"/> fits each: more rows)
/// of every configuration an ensemble may include (<see cref="SearchResult.EnsemblePool"/>) — an upper bound, since
/// ensembles of 4 to 6 members, some slow (GAM), overran a tighter guess. A trial's duration covers
/// <paramref name="fitsPerEvaluation"/> fits (the folds of cross-validation). When the decision policy is chosen on
/// out-of-fold predictions (<see cref="DecisionRows"/>), each configuration also costs <paramref name="outOfFoldFits"/>
/// fits on four fifths of the refit rows.
/// </summary>
public sealed class FinishingTime(IReadOnlyList<TrainerDefinition> trainers, int fitsPerEvaluation, bool higherIsBetter, bool ensemble = true, int outOfFoldFits = 0)
{
    public static readonly double CurveFits = LearningCurveTracer.Checkpoints(800).Sum() / 800.0;
    public const double RefitFits = 1.3;

    public TimeSpan Estimate(IReadOnlyList<Trial> trials)
    {
        var pool = SearchResult.EnsemblePool(trials, higherIsBetter).Take(ensemble ? int.MaxValue : 1).ToList();
        if (pool.Count == 0) return TimeSpan.Zero;
        TimeSpan Fit(Trial trial) => trial.Duration / fitsPerEvaluation;
        var best = pool[0];
        var curve = trainers.First(t => t.Name == best.Trainer).IsBoosted ? Fit(best) * CurveFits + best.Duration : TimeSpan.Zero;
        var perConfiguration = RefitFits * (1 + outOfFoldFits * 0.8);
        return curve + pool.Aggregate(TimeSpan.Zero, (sum, trial) => sum + Fit(trial) * perConfiguration);
    }
}

using Flywheel.Tasks;

namespace Flywheel.Training.Search;

/// <summary>Why a configuration was tried: the trainer's defaults, a random draw, or a refinement around the best so far.</summary>
public enum TrialOrigin
{
    Default,
    Random,
    Refine,
}

/// <summary>One configuration tried by the search, with its out-of-sample score. <see cref="Error"/> is set when fitting failed.</summary>
public sealed record Trial(
    int Number,
    string Trainer,
    HyperparameterSet Hyperparameters,
    TrialOrigin Origin,
    double Objective,
    IReadOnlyDictionary<string, double> Metrics,
    TimeSpan Duration,
    int Seed,
    string? Error = null)
{
    public bool Succeeded => Error is null && double.IsFinite(Objective);
}

/// <summary>Reported after every trial.</summary>
public sealed record SearchProgress(int TrialsDone, TimeSpan Elapsed, TimeSpan Budget, Trial Latest, Trial? Best, string ObjectiveName);

/// <summary>
/// All trials in the order they ran, the best by the objective, and the out-of-sample predictions of the trials an
/// ensemble may combine (<see cref="EnsemblePool"/>), by trial number.
/// </summary>
public sealed record SearchResult(
    MlTask Task, string ObjectiveName, bool HigherIsBetter, string Validation, IReadOnlyList<Trial> Trials, Trial Best,
    IReadOnlyDictionary<int, Predictions> PoolPredictions)
{
    /// <summary>Besides the best trial of each trainer, this many of the best trials overall may join an ensemble.</summary>
    public const int PoolTopTrials = 5;

    /// <summary>Successful trials, best first; ties keep the earlier trial first.</summary>
    public IReadOnlyList<Trial> Leaderboard() => Ranked(Trials, HigherIsBetter);

    /// <summary>
    /// The trials an ensemble may combine, best first: the best trial of each trainer (different trainers err
    /// differently, which is what averaging needs) and the <see cref="PoolTopTrials"/> best overall.
    /// </summary>
    public static IReadOnlyList<Trial> EnsemblePool(IReadOnlyList<Trial> trials, bool higherIsBetter)
    {
        var ranked = Ranked(trials, higherIsBetter);
        var pool = ranked.Take(PoolTopTrials).Concat(ranked.DistinctBy(t => t.Trainer)).Select(t => t.Number).ToHashSet();
        return ranked.Where(t => pool.Contains(t.Number)).ToList();
    }

    private static IReadOnlyList<Trial> Ranked(IReadOnlyList<Trial> trials, bool higherIsBetter) =>
        (higherIsBetter
            ? trials.Where(t => t.Succeeded).OrderByDescending(t => t.Objective)
            : trials.Where(t => t.Succeeded).OrderBy(t => t.Objective))
        .ThenBy(t => t.Number).ToList();
}

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

/// <summary>All trials in the order they ran, and the best by the objective.</summary>
public sealed record SearchResult(MlTask Task, string ObjectiveName, bool HigherIsBetter, string Validation, IReadOnlyList<Trial> Trials, Trial Best)
{
    /// <summary>Successful trials, best first; ties keep the earlier trial first.</summary>
    public IReadOnlyList<Trial> Leaderboard() =>
        (HigherIsBetter
            ? Trials.Where(t => t.Succeeded).OrderByDescending(t => t.Objective)
            : Trials.Where(t => t.Succeeded).OrderBy(t => t.Objective))
        .ThenBy(t => t.Number).ToList();
}

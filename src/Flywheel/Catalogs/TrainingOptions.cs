using Flywheel.Tasks;

namespace Flywheel.Catalogs;

/// <summary>
/// Training without a use-case file: what <c>data</c> and <c>training</c> (and <c>decision</c>, through
/// <see cref="Prices"/>) would say. Unset values take the file's defaults.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The model's name in the registry; null: the data file's name.</summary>
    public string? Name { get; init; }

    /// <summary>Null detects the task from the target, as <c>training.task: auto</c> does.</summary>
    public MlTask? Task { get; init; }

    /// <summary>Time for the whole job: search, refit, test and package.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Null: the context's seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Stop after this many trials even if budget remains (a run independent of machine speed).</summary>
    public int? MaxTrials { get; init; }

    /// <summary>The metric the search ranks by (auc, accuracy, rmse, value…); null: the task's default.</summary>
    public string? Objective { get; init; }

    /// <summary>Trainers to search (LightGbm, FastTree, Lbfgs…); empty: all that suit the task.</summary>
    public IReadOnlyList<string> Trainers { get; init; } = [];

    public bool Ensemble { get; init; } = true;

    /// <summary>The positive class of a binary target.</summary>
    public string? Positive { get; init; }

    /// <summary>Columns left out of the features.</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    /// <summary>Prices the decisions: the threshold is chosen for value on validation and reported on test.</summary>
    public PriceTable? Prices { get; init; }

    /// <summary>Permutation importance on the test split (the slowest part of evaluation).</summary>
    public bool Importance { get; init; } = true;
}

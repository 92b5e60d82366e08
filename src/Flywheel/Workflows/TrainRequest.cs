using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Flywheel.Training.Search;

namespace Flywheel.Workflows;

/// <summary>Command-line overrides of the use case's training settings.</summary>
/// <param name="MaxTrials">Stops after this many trials whatever the budget (tests; reproducible across machines).</param>
/// <param name="Importance">Compute permutation importance on the test split (the slowest part of evaluation).</param>
/// <param name="Store">The metadata store (<c>--store</c>); null: FLYWHEEL_STORE, else the use case's .flywheel/flywheel.db.</param>
public sealed record TrainRequest(TimeSpan? Budget = null, int? Seed = null, int? MaxTrials = null, bool Importance = true, string? Store = null)
{
    /// <summary>Where the stages report what they do (loading, each trial, refit, publish); the host chooses the sinks and levels.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The store, artifact root and write hook the host chose; when null, <see cref="Store"/> names the database.</summary>
    public Storage.StoreOptions? StoreOptions { get; init; }

    /// <summary>
    /// Rows trained on besides the use case's data (labelled production rows, by column name): appended after the
    /// source's rows and split into train and validation only, so the source's test split stays the test split.
    /// </summary>
    public Data.Preprocessing.ColumnTable? AdditionalRows { get; init; }

    internal Storage.StoreOptions ResolvedStore => StoreOptions ?? Store;
}

/// <summary>Where the workflow is: a stage name, a message, and the search's progress while searching.</summary>
public sealed record WorkflowProgress(string Stage, string Message, SearchProgress? Search = null);

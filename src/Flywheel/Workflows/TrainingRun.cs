using System.Text.Json;
using Flywheel.Evaluation.Results;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Workflows;

/// <summary>
/// A training recorded live in the run store: started before the search, each trial written as it finishes, ended
/// finished (by the publish transaction), failed with the error, or cancelled.
/// </summary>
public sealed class TrainingRun
{
    private TrainingRun(MetadataStore store, ExperimentRun run)
    {
        Store = store;
        Run = run;
    }

    public MetadataStore Store { get; }
    public ExperimentRun Run { get; }
    public Guid Id => Run.Id;

    public static async Task<TrainingRun> StartAsync(UseCase useCase, int seed, StoreOptions? options, CancellationToken cancellation = default)
    {
        var store = MetadataStore.ForUseCase(useCase.Directory, options);
        return new TrainingRun(store, await store.Runs.StartRunAsync(useCase.Name, seed, cancellation));
    }

    /// <summary>Called by the search after each trial; the trial is in the store before the next one starts.</summary>
    public void Record(Training.Search.Trial trial)
    {
        var record = TrialRecord.From(trial);
        Store.Runs.RecordTrialAsync(Id, new NewTrial(
            record.Trainer,
            JsonSerializer.Serialize(record.Hyperparameters),
            EvaluationJson.Serialize(record.Metrics),
            TimeSpan.FromSeconds(record.DurationSeconds ?? 0),
            record.Seed,
            record.Error is null ? TrialStatus.Completed : TrialStatus.Failed,
            record.Error)).GetAwaiter().GetResult();
    }

    /// <summary>Ends the run for an exception that stopped training: cancelled for a cancellation, failed otherwise.</summary>
    public async Task EndAsync(Exception error)
    {
        // Not the training's token: that one may be what was cancelled, and the run must still be closed.
        var current = await Store.Runs.FindRunAsync(Id);
        if (current?.Status != RunStatus.Running) return;
        if (error is OperationCanceledException) await Store.Runs.CancelRunAsync(Id);
        else await Store.Runs.FailRunAsync(Id, error is FlywheelException known ? known.Describe() : $"{error.GetType().Name}: {error.Message}");
    }
}

namespace Flywheel.Storage;

/// <summary>
/// Experiment runs and their trials. A run moves Running → Finished, Failed or Cancelled, once; trials are only
/// recorded while it is running, and each one refreshes the run's heartbeat. An unknown run is a
/// <see cref="NotFoundException"/>; ending or recording into a run that already ended is a <see cref="ConflictException"/>.
/// </summary>
public interface IRunStore
{
    /// <summary>Starts a run, recording this machine and process so a later open can tell whether it still lives.</summary>
    Task<ExperimentRun> StartRunAsync(string useCase, int? seed, CancellationToken cancellationToken = default);

    Task<Trial> RecordTrialAsync(Guid runId, NewTrial trial, CancellationToken cancellationToken = default);

    Task<ExperimentRun> FinishRunAsync(Guid runId, CancellationToken cancellationToken = default);

    Task<ExperimentRun> FailRunAsync(Guid runId, string reason, CancellationToken cancellationToken = default);

    Task<ExperimentRun> CancelRunAsync(Guid runId, CancellationToken cancellationToken = default);

    Task<ExperimentRun?> FindRunAsync(Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Runs, newest first; of one use case when <paramref name="useCase"/> is given.</summary>
    Task<IReadOnlyList<ExperimentRun>> ListRunsAsync(string? useCase = null, CancellationToken cancellationToken = default);

    /// <summary>The run's trials in the order they were recorded.</summary>
    Task<IReadOnlyList<Trial>> ListTrialsAsync(Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Marks running runs whose process died as failed ("process N on host H stopped"); how many it marked.</summary>
    Task<int> FailAbandonedRunsAsync(CancellationToken cancellationToken = default);
}

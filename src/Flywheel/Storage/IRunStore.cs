namespace Flywheel.Storage;

/// <summary>
/// Experiment runs and their trials. A run moves Running → Completed or Running → Failed, once; trials are only
/// recorded while it is running.
/// </summary>
public interface IRunStore
{
    Task<ExperimentRun> StartRunAsync(string useCase, int? seed, CancellationToken cancellationToken = default);

    Task<Trial> RecordTrialAsync(Guid runId, NewTrial trial, CancellationToken cancellationToken = default);

    Task<ExperimentRun> CompleteRunAsync(Guid runId, CancellationToken cancellationToken = default);

    Task<ExperimentRun> FailRunAsync(Guid runId, string reason, CancellationToken cancellationToken = default);

    Task<ExperimentRun?> FindRunAsync(Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Runs, newest first; of one use case when <paramref name="useCase"/> is given.</summary>
    Task<IReadOnlyList<ExperimentRun>> ListRunsAsync(string? useCase = null, CancellationToken cancellationToken = default);

    /// <summary>The run's trials in the order they were recorded.</summary>
    Task<IReadOnlyList<Trial>> ListTrialsAsync(Guid runId, CancellationToken cancellationToken = default);
}

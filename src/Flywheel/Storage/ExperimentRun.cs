namespace Flywheel.Storage;

public enum RunStatus
{
    Running,
    Finished,
    Failed,
    Cancelled,
}

/// <summary>One training session of a use case: the trials it tried, how it ended.</summary>
public sealed record ExperimentRun(
    Guid Id,
    string UseCase,
    RunStatus Status,
    int? Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason)
{
    /// <summary>The machine and process that ran it, and when it last reported (a trial landing counts).</summary>
    public string? Host { get; init; }
    public int? ProcessId { get; init; }
    public DateTimeOffset? HeartbeatAt { get; init; }
}

public enum TrialStatus
{
    Completed,
    Failed,
}

/// <summary>What a trainer reports after one attempt. Hyperparameters and metrics are JSON objects.</summary>
public sealed record NewTrial(
    string Trainer,
    string HyperparametersJson,
    string MetricsJson,
    TimeSpan Duration,
    int Seed,
    TrialStatus Status = TrialStatus.Completed,
    string? Error = null);

/// <summary>A recorded trial; <see cref="Number"/> counts from 1 within its run.</summary>
public sealed record Trial(
    Guid RunId,
    int Number,
    string Trainer,
    string HyperparametersJson,
    string MetricsJson,
    TimeSpan Duration,
    int Seed,
    TrialStatus Status,
    string? Error,
    DateTimeOffset RecordedAt);

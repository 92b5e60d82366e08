namespace Flywheel.Storage;

public enum RunStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>One training session of a use case: the trials it tried, how it ended.</summary>
public sealed record ExperimentRun(
    Guid Id,
    string UseCase,
    RunStatus Status,
    int? Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason);

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

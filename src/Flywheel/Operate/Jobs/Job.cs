namespace Flywheel.Operate.Jobs;

/// <summary>Where a job is in its life: queued → running → succeeded | failed | cancelled (running → queued when a worker stops).</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>The kinds of job, as the API spells them.</summary>
public static class JobKinds
{
    public const string BatchTransform = "batch-transform";
    public const string AsyncInference = "async-inference";
    public const string Monitoring = "monitoring";
    public const string Retrain = "retrain";

    /// <summary>Every kind, in the order the API lists them when it refuses an unknown one.</summary>
    public static readonly IReadOnlyList<string> All = [BatchTransform, AsyncInference, Monitoring, Retrain];
}

/// <summary>How far a job got: rows done of the total (null while unknown), the rate and the time it still needs.</summary>
public sealed record JobProgress(long RowsDone, long? RowsTotal, double RowsPerSecond)
{
    public TimeSpan? Eta => RowsTotal is { } total && RowsPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - RowsDone) / RowsPerSecond) : null;

    public double? Fraction => RowsTotal is > 0 and var total ? Math.Min(1, (double)RowsDone / total) : null;
}

/// <summary>One job as the store holds it. <see cref="Parameters"/> is the submitted request as JSON.</summary>
public sealed record Job(
    Guid Id,
    string Kind,
    JobState State,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JobProgress Progress,
    string Parameters,
    string? Output,
    string? Error,
    int Attempts,
    string? HangfireId,
    bool CancelRequested)
{
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}

/// <summary>One line of a job's log.</summary>
public sealed record JobLogLine(long Id, DateTimeOffset At, string Level, string Message);

public static class JobStates
{
    /// <summary>The API's spelling: <c>queued</c>, <c>running</c>, ….</summary>
    public static string Name(this JobState state) => state.ToString().ToLowerInvariant();

    public static JobState Parse(string text, string field) =>
        Enum.TryParse<JobState>(text, ignoreCase: true, out var state) && !int.TryParse(text, out _) ? state
            : throw new InputException($"unknown job state '{text}'; one of {string.Join(", ", Enum.GetValues<JobState>().Select(Name))}", field);
}

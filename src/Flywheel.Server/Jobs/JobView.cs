using System.Text.Json;
using Flywheel.Operate.Jobs;

namespace Flywheel.Server.Jobs;

/// <summary>A job as the API shows it (state and kind spelled as in the API, progress with rate and ETA, parameters as JSON).</summary>
public sealed record JobView(
    Guid Id,
    string Kind,
    string State,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JobProgressView Progress,
    JsonElement Parameters,
    string? Output,
    string? Error,
    int Attempts,
    string? HangfireId,
    bool CancelRequested)
{
    public static JobView From(Job job) =>
        new(job.Id, job.Kind, job.State.Name(), job.SubmittedBy, job.SubmittedAt, job.StartedAt, job.FinishedAt,
            new JobProgressView(job.Progress.RowsDone, job.Progress.RowsTotal, job.Progress.RowsPerSecond, job.Progress.Eta?.TotalSeconds, job.Progress.Fraction),
            JsonDocument.Parse(job.Parameters).RootElement.Clone(), job.Output, job.Error, job.Attempts, job.HangfireId, job.CancelRequested);
}

public sealed record JobProgressView(long RowsDone, long? RowsTotal, double RowsPerSecond, double? EtaSeconds, double? Fraction);

public sealed record JobLogView(long Id, DateTimeOffset At, string Level, string Message);

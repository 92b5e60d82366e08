using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Jobs;

/// <summary>
/// The jobs table and its log. States change only through the named transitions below; start and cancel are audited
/// (who, what, before → after). Several workers may hold the same job (Hangfire hands a job to another worker when the
/// first one stops heartbeating), so transitions check the state they start from.
/// </summary>
public sealed class JobStore(MetadataStore store)
{
    private readonly MetadataDatabase _database = store.Database;
    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    public async Task<Job> SubmitAsync(string kind, string actor, string parameters, string? output, CancellationToken cancellation = default)
    {
        var now = Clock.GetUtcNow();
        var row = new JobRow { Id = Guid.NewGuid(), Kind = kind, State = JobState.Queued.Name(), SubmittedBy = actor, SubmittedAt = now, ParametersJson = parameters, Output = output };
        await using var context = _database.CreateContext();
        context.Jobs.Add(row);
        Audit.Add(context, actor, "job.start", Subject(row.Id), now, new { before = (string?)null, after = row.State, kind, parameters });
        await context.SaveChangesAsync(cancellation);
        return ToRecord(row);
    }

    public async Task<Job> GetAsync(Guid id, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        return ToRecord(await Find(context, id, cancellation));
    }

    /// <summary>Jobs, newest first, optionally of one kind and state.</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(string? kind = null, JobState? state = null, int limit = 200, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        var query = context.Jobs.AsNoTracking();
        if (kind is not null) query = query.Where(j => j.Kind == kind);
        if (state is { } wanted) query = query.Where(j => j.State == wanted.Name());
        // SQLite cannot order by DateTimeOffset: ordered here.
        var rows = await query.ToListAsync(cancellation);
        return rows.OrderByDescending(r => r.SubmittedAt).ThenBy(r => r.Id).Take(limit).Select(ToRecord).ToList();
    }

    public async Task SetHangfireIdAsync(Guid id, string hangfireId, CancellationToken cancellation = default) =>
        await UpdateAsync(id, row => row.HangfireId = hangfireId, cancellation);

    /// <summary>A worker takes the job: running, one more attempt. False when the job is finished or its cancel was asked.</summary>
    public async Task<bool> StartAttemptAsync(Guid id, CancellationToken cancellation = default)
    {
        var started = false;
        await UpdateAsync(id, row =>
        {
            if (row.State is "succeeded" or "failed" or "cancelled" || row.CancelRequested) return;
            row.State = JobState.Running.Name();
            row.StartedAt ??= Clock.GetUtcNow();
            row.Attempts++;
            row.RowsDone = 0;
            started = true;
        }, cancellation);
        return started;
    }

    public Task ReportAsync(Guid id, JobProgress progress, CancellationToken cancellation = default) =>
        UpdateAsync(id, row =>
        {
            row.RowsDone = progress.RowsDone;
            row.RowsTotal = progress.RowsTotal;
            row.RowsPerSecond = progress.RowsPerSecond;
        }, cancellation);

    /// <summary>True when someone asked to cancel the job (checked by a running job every few thousand rows).</summary>
    public async Task<bool> IsCancelRequestedAsync(Guid id, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        return await context.Jobs.AsNoTracking().Where(j => j.Id == id).Select(j => j.CancelRequested).FirstOrDefaultAsync(cancellation);
    }

    public Task SucceedAsync(Guid id, JobProgress progress, string? output, CancellationToken cancellation = default) =>
        FinishAsync(id, JobState.Succeeded, null, row =>
        {
            row.RowsDone = progress.RowsDone;
            row.RowsTotal = progress.RowsTotal;
            row.RowsPerSecond = progress.RowsPerSecond;
            if (output is not null) row.Output = output;
        }, cancellation);

    public Task FailAsync(Guid id, string error, CancellationToken cancellation = default) => FinishAsync(id, JobState.Failed, error, null, cancellation);

    /// <summary>The running job stopped because its cancel was asked.</summary>
    public Task CancelledAsync(Guid id, CancellationToken cancellation = default) => FinishAsync(id, JobState.Cancelled, null, null, cancellation);

    /// <summary>The worker stopped (shut down) or the attempt failed and will be retried: back to queued, the error kept.</summary>
    public Task RequeueAsync(Guid id, string? error, CancellationToken cancellation = default) =>
        UpdateAsync(id, row =>
        {
            if (row.State != JobState.Running.Name()) return;
            row.State = JobState.Queued.Name();
            row.Error = error;
        }, cancellation);

    /// <summary>
    /// Asks a job to stop: a queued job is cancelled at once, a running one at its next row check. A finished job, or
    /// one whose cancel was already asked, is a <see cref="ConflictException"/>.
    /// </summary>
    public async Task<Job> CancelAsync(Guid id, string actor, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        var row = await Find(context, id, cancellation);
        if (row.State is "succeeded" or "failed" or "cancelled" || row.CancelRequested)
            throw new ConflictException($"job {id} is {row.State}{(row.CancelRequested && row.State == "running" ? " and its cancel was asked already" : "")}; it cannot be cancelled", Subject(id));
        var before = row.State;
        var now = Clock.GetUtcNow();
        row.CancelRequested = true;
        if (row.State == JobState.Queued.Name())
        {
            row.State = JobState.Cancelled.Name();
            row.FinishedAt = now;
        }
        row.Revision++;
        Audit.Add(context, actor, "job.cancel", Subject(id), now, new { before, after = row.State, row.Kind });
        await context.SaveChangesAsync(cancellation);
        return ToRecord(row);
    }

    public async Task LogAsync(Guid id, string level, string message, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        context.JobLogs.Add(new JobLogRow { JobId = id, At = Clock.GetUtcNow(), Level = level, Message = message });
        await context.SaveChangesAsync(cancellation);
    }

    public async Task<IReadOnlyList<JobLogLine>> LogsAsync(Guid id, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        await Find(context, id, cancellation);
        var rows = await context.JobLogs.AsNoTracking().Where(l => l.JobId == id).OrderBy(l => l.Id).ToListAsync(cancellation);
        return rows.Select(l => new JobLogLine(l.Id, l.At, l.Level, l.Message)).ToList();
    }

    public static string Subject(Guid id) => $"job:{id}";

    private async Task FinishAsync(Guid id, JobState state, string? error, Action<JobRow>? change, CancellationToken cancellation) =>
        await UpdateAsync(id, row =>
        {
            if (row.State is "succeeded" or "failed" or "cancelled") return;
            change?.Invoke(row);
            row.State = state.Name();
            row.Error = error ?? row.Error;
            if (state == JobState.Succeeded) row.Error = null;
            row.FinishedAt = Clock.GetUtcNow();
        }, cancellation);

    // Read, change, save; a concurrent writer in between makes the save fail on the revision, and the change is tried again on fresh data.
    private async Task UpdateAsync(Guid id, Action<JobRow> change, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var context = _database.CreateContext();
            var row = await Find(context, id, cancellation);
            change(row);
            if (!context.ChangeTracker.HasChanges()) return;
            row.Revision++;
            try
            {
                await context.SaveChangesAsync(cancellation);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(2, 20), cancellation);
            }
        }
    }

    private static async Task<JobRow> Find(FlywheelDbContext context, Guid id, CancellationToken cancellation) =>
        await context.Jobs.FirstOrDefaultAsync(j => j.Id == id, cancellation) ?? throw new NotFoundException($"no job with id '{id}'", Subject(id));

    private static Job ToRecord(JobRow row) =>
        new(row.Id, row.Kind, Enum.Parse<JobState>(row.State, ignoreCase: true), row.SubmittedBy, row.SubmittedAt, row.StartedAt, row.FinishedAt,
            new JobProgress(row.RowsDone, row.RowsTotal, row.RowsPerSecond), row.ParametersJson, row.Output, row.Error, row.Attempts, row.HangfireId, row.CancelRequested);
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary><see cref="IRunStore"/> on the EF Core metadata database (SQLite or PostgreSQL).</summary>
internal sealed class SqlRunStore(MetadataDatabase database, TimeProvider clock, StoreOptions options) : IRunStore
{
    public async Task<ExperimentRun> StartRunAsync(string useCase, int? seed, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(useCase)) throw new ArgumentException("A run needs the use case's name.", nameof(useCase));
        var now = clock.GetUtcNow();
        var row = new RunRow
        {
            Id = Guid.NewGuid(),
            UseCase = useCase,
            Status = nameof(RunStatus.Running),
            Seed = seed,
            StartedAt = now,
            Host = Environment.MachineName,
            ProcessId = Environment.ProcessId,
            HeartbeatAt = now,
        };
        await using var context = database.CreateContext();
        context.Runs.Add(row);
        Audit.Add(context, Actor, "run.start", $"run:{row.Id}", now, new { useCase, seed, host = row.Host, pid = row.ProcessId });
        options.Reach(WritePoints.RunStart);
        await context.SaveChangesAsync(cancellationToken);
        return row.ToRecord();
    }

    public async Task<Trial> RecordTrialAsync(Guid runId, NewTrial trial, CancellationToken cancellationToken = default)
    {
        RequireJsonObject(trial.HyperparametersJson, nameof(NewTrial.HyperparametersJson));
        RequireJsonObject(trial.MetricsJson, nameof(NewTrial.MetricsJson));
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var run = await RunningRunAsync(context, runId, "record a trial in", cancellationToken);
        var number = 1 + (await context.Trials.Where(t => t.RunId == run.Id).MaxAsync(t => (int?)t.Number, cancellationToken) ?? 0);
        var row = new TrialRow
        {
            RunId = run.Id,
            Number = number,
            Trainer = trial.Trainer,
            HyperparametersJson = trial.HyperparametersJson,
            MetricsJson = trial.MetricsJson,
            DurationTicks = trial.Duration.Ticks,
            Seed = trial.Seed,
            Status = trial.Status.ToString(),
            Error = trial.Error,
            RecordedAt = clock.GetUtcNow(),
        };
        context.Trials.Add(row);
        run.HeartbeatAt = row.RecordedAt;
        await context.SaveChangesAsync(cancellationToken);
        options.Reach(WritePoints.TrialRecord);
        await transaction.CommitAsync(cancellationToken);
        return row.ToRecord();
    }

    public Task<ExperimentRun> FinishRunAsync(Guid runId, CancellationToken cancellationToken = default) =>
        EndAsync(runId, RunStatus.Finished, null, cancellationToken);

    public Task<ExperimentRun> FailRunAsync(Guid runId, string reason, CancellationToken cancellationToken = default) =>
        EndAsync(runId, RunStatus.Failed, reason, cancellationToken);

    public Task<ExperimentRun> CancelRunAsync(Guid runId, CancellationToken cancellationToken = default) =>
        EndAsync(runId, RunStatus.Cancelled, "cancelled", cancellationToken);

    public async Task<ExperimentRun?> FindRunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var row = await context.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ExperimentRun>> ListRunsAsync(string? useCase = null, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var query = context.Runs.AsNoTracking();
        if (useCase is not null) query = query.Where(r => r.UseCase == useCase);
        var rows = await query.ToListAsync(cancellationToken);
        // Ordered here: SQLite cannot order by DateTimeOffset in SQL.
        return rows.OrderByDescending(r => r.StartedAt).Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<Trial>> ListTrialsAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var rows = await context.Trials.AsNoTracking().Where(t => t.RunId == runId).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// Marks running runs whose process is gone as failed: on this host when the pid is no longer alive, on another
    /// when the heartbeat is older than <see cref="StoreOptions.StaleHeartbeat"/>. Returns how many it marked.
    /// </summary>
    public async Task<int> FailAbandonedRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var running = await context.Runs.Where(r => r.Status == nameof(RunStatus.Running)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var marked = 0;
        foreach (var run in running)
        {
            var sameHost = string.Equals(run.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);
            var gone = run.ProcessId is not int pid
                ? now - run.StartedAt > options.StaleHeartbeat
                : sameHost ? !WriterTag.ProcessAlive(pid) : now - (run.HeartbeatAt ?? run.StartedAt) > options.StaleHeartbeat;
            if (!gone) continue;
            var reason = run.ProcessId is int id ? $"process {id} on host {run.Host} stopped" : "the process that ran it stopped";
            End(context, run, RunStatus.Failed, reason, now);
            marked++;
        }
        if (marked > 0) await context.SaveChangesAsync(cancellationToken);
        return marked;
    }


    private async Task<ExperimentRun> EndAsync(Guid runId, RunStatus status, string? reason, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var run = await EndInAsync(context, runId, status, reason, clock.GetUtcNow(), cancellationToken);
        options.Reach(WritePoints.RunEnd);
        await context.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Ends a running run inside the caller's context (saved with the caller's other changes).</summary>
    internal static async Task<ExperimentRun> EndInAsync(FlywheelDbContext context, Guid runId, RunStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var run = await RunningRunAsync(context, runId, status == RunStatus.Finished ? "finish" : "end", cancellationToken);
        End(context, run, status, reason, at);
        return run.ToRecord();
    }

    private static void End(FlywheelDbContext context, RunRow run, RunStatus status, string? reason, DateTimeOffset at)
    {
        run.Status = status.ToString();
        run.FinishedAt = at;
        run.FailureReason = reason;
        Audit.Add(context, Actor, "run.end", $"run:{run.Id}", at, new { status = status.ToString().ToLowerInvariant(), reason });
    }

    private static string Actor => Environment.UserName is { Length: > 0 } user ? user : "flywheel";

    private static async Task<RunRow> RunningRunAsync(FlywheelDbContext context, Guid runId, string action, CancellationToken cancellationToken)
    {
        var run = await context.Runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new NotFoundException($"there is no run {runId}", "run");
        if (run.Status != nameof(RunStatus.Running))
            throw new ConflictException($"cannot {action} run {runId}: it is already {run.Status.ToLowerInvariant()}", "run");
        return run;
    }

    private static void RequireJsonObject(string json, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"{field} must be a JSON object, got {document.RootElement.ValueKind}.", field);
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"{field} is not valid JSON: {error.Message}", field, error);
        }
    }
}

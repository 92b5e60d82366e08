using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary><see cref="IRunStore"/> on the EF Core metadata database (SQLite or PostgreSQL).</summary>
internal sealed class SqlRunStore(MetadataDatabase database, TimeProvider clock) : IRunStore
{
    public async Task<ExperimentRun> StartRunAsync(string useCase, int? seed, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(useCase)) throw new ArgumentException("A run needs the use case's name.", nameof(useCase));
        var row = new RunRow
        {
            Id = Guid.NewGuid(),
            UseCase = useCase,
            Status = nameof(RunStatus.Running),
            Seed = seed,
            StartedAt = clock.GetUtcNow(),
        };
        await using var context = database.CreateContext();
        context.Runs.Add(row);
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
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row.ToRecord();
    }

    public Task<ExperimentRun> CompleteRunAsync(Guid runId, CancellationToken cancellationToken = default) =>
        FinishAsync(runId, RunStatus.Completed, null, cancellationToken);

    public Task<ExperimentRun> FailRunAsync(Guid runId, string reason, CancellationToken cancellationToken = default) =>
        FinishAsync(runId, RunStatus.Failed, reason, cancellationToken);

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

    private async Task<ExperimentRun> FinishAsync(Guid runId, RunStatus status, string? reason, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var run = await RunningRunAsync(context, runId, status == RunStatus.Completed ? "complete" : "fail", cancellationToken);
        run.Status = status.ToString();
        run.FinishedAt = clock.GetUtcNow();
        run.FailureReason = reason;
        await context.SaveChangesAsync(cancellationToken);
        return run.ToRecord();
    }

    private static async Task<RunRow> RunningRunAsync(FlywheelDbContext context, Guid runId, string action, CancellationToken cancellationToken)
    {
        var run = await context.Runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no run {runId}.");
        if (run.Status != nameof(RunStatus.Running))
            throw new InvalidOperationException($"Cannot {action} run {runId}: it is already {run.Status.ToLowerInvariant()}.");
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

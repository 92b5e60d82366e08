using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>Adds audit rows to a context; they are saved by the same SaveChanges, so in the same transaction as the change.</summary>
internal static class Audit
{
    public static void Add(FlywheelDbContext context, string actor, string action, string subject, DateTimeOffset at, object details) =>
        context.AuditEvents.Add(new AuditEventRow
        {
            Actor = actor,
            Action = action,
            Subject = subject,
            At = at,
            DetailsJson = JsonSerializer.Serialize(details),
        });

    /// <summary>The whole trail, oldest first; of one subject (<c>model:churn</c>, <c>run:…</c>) when given.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> ListAsync(MetadataDatabase database, string? subject, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var query = context.AuditEvents.AsNoTracking();
        if (subject is not null) query = query.Where(e => e.Subject == subject);
        var rows = await query.OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// A page newest first. The exact-match filters and the cursor run in the database (by id, which grows with write
    /// time); <c>since</c> runs here, because SQLite cannot compare DateTimeOffset: reading stops at the first older entry.
    /// </summary>
    public static async Task<AuditPage> PageAsync(MetadataDatabase database, AuditQuery query, CancellationToken cancellationToken)
    {
        query = query.Checked();
        await using var context = database.CreateContext();
        var rows = context.AuditEvents.AsNoTracking();
        if (query.Subject is { } subject) rows = rows.Where(e => e.Subject == subject);
        if (query.Actor is { } actor) rows = rows.Where(e => e.Actor == actor);
        if (query.Action is { } action) rows = rows.Where(e => e.Action == action);
        if (query.Before is { } before) rows = rows.Where(e => e.Id < before);
        var page = new List<AuditEvent>();
        var more = false;
        await foreach (var row in rows.OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (query.Since is { } since && row.At < since) break;
            if (page.Count == query.Limit)
            {
                more = true;
                break;
            }
            page.Add(row.ToRecord());
        }
        return new AuditPage(page, more ? page[^1].Id : null);
    }
}

/// <summary>Tells a unique-constraint violation apart by its error code, never by message text.</summary>
internal static class Conflicts
{
    public static bool IsUniqueViolation(DbUpdateException error) => error.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="attempt"/> (one transaction on a fresh context) again when it lost a race on a unique
    /// key, so two writers that both chose version N end as N and N+1. Gives up as a <see cref="ConflictException"/>.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, string what, CancellationToken cancellationToken)
    {
        const int attempts = 30;
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateException error) when (IsUniqueViolation(error))
            {
                if (tried == attempts)
                    throw new ConflictException($"{what} kept clashing with concurrent writers ({attempts} attempts)", "store", error);
                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(tried, 10)), cancellationToken);
            }
        }
    }
}

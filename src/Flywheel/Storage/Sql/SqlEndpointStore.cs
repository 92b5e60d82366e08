using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary><see cref="IEndpointStore"/> on the metadata database; the audit entry is saved in the same transaction as the change.</summary>
internal sealed class SqlEndpointStore(MetadataDatabase database, TimeProvider clock) : IEndpointStore
{
    public async Task<IReadOnlyList<EndpointRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var rows = await context.Endpoints.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.ToRecord()).ToList();
    }

    public async Task<EndpointRecord?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        return (await context.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, cancellationToken))?.ToRecord();
    }

    public async Task<EndpointRecord?> PutAsync(string name, string useCaseFolder, string configJson, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var row = await context.Endpoints.FirstOrDefaultAsync(e => e.Name == name, cancellationToken);
        var before = row?.ToRecord();
        var now = clock.GetUtcNow();
        if (row is null)
        {
            row = new EndpointRow { Name = name };
            context.Endpoints.Add(row);
        }
        row.UseCaseFolder = useCaseFolder;
        row.ConfigJson = configJson;
        row.UpdatedBy = actor;
        row.UpdatedAt = now;
        Audit.Add(context, actor, "endpoint.put", Subject(name), now, new { before = Json(before?.ConfigJson), after = Json(configJson), useCaseFolder });
        await SaveAsync(context, name, cancellationToken);
        return before;
    }

    public async Task<bool> AddIfAbsentAsync(string name, string useCaseFolder, string configJson, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        if (await context.Endpoints.AnyAsync(e => e.Name == name, cancellationToken)) return false;
        var now = clock.GetUtcNow();
        context.Endpoints.Add(new EndpointRow { Name = name, UseCaseFolder = useCaseFolder, ConfigJson = configJson, UpdatedBy = actor, UpdatedAt = now });
        Audit.Add(context, actor, "endpoint.create", Subject(name), now, new { before = (JsonElement?)null, after = Json(configJson), useCaseFolder });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException error) when (Conflicts.IsUniqueViolation(error))
        {
            return false; // another server created it at the same moment
        }
    }

    public async Task<EndpointRecord> DeleteAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var row = await context.Endpoints.FirstOrDefaultAsync(e => e.Name == name, cancellationToken)
            ?? throw new NotFoundException($"no endpoint named '{name}'", "endpoint");
        var before = row.ToRecord();
        context.Endpoints.Remove(row);
        Audit.Add(context, actor, "endpoint.delete", Subject(name), clock.GetUtcNow(), new { before = Json(before.ConfigJson), after = (JsonElement?)null, before.UseCaseFolder });
        await context.SaveChangesAsync(cancellationToken);
        return before;
    }

    public static string Subject(string name) => $"endpoint:{name}";

    private static JsonElement? Json(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static async Task SaveAsync(FlywheelDbContext context, string name, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (Conflicts.IsUniqueViolation(error))
        {
            throw new ConflictException($"endpoint '{name}' was created by someone else at the same time; try again", "endpoint", error);
        }
    }
}

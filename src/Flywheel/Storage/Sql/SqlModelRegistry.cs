using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary><see cref="IModelRegistry"/> on the EF Core metadata database (SQLite or PostgreSQL).</summary>
internal sealed class SqlModelRegistry(MetadataDatabase database, TimeProvider clock, StoreOptions options) : IModelRegistry
{
    public Task<ModelVersion> RegisterVersionAsync(NewModelVersion version, CancellationToken cancellationToken = default)
    {
        RegistryNames.CheckModelName(version.ModelName);
        return Conflicts.RetryAsync(async () =>
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var (row, added) = await RegisterInAsync(context, version, cancellationToken);
            if (!added) return row.ToRecord();
            await context.SaveChangesAsync(cancellationToken);
            options.Reach(WritePoints.RegisterCommit);
            await transaction.CommitAsync(cancellationToken);
            return row.ToRecord();
        }, $"registering {version.ModelName}", cancellationToken);
    }

    public Task<PublishedVersion> PublishAsync(NewModelVersion version, string alias, Guid? finishRun, CancellationToken cancellationToken = default)
    {
        RegistryNames.CheckModelName(version.ModelName);
        var bare = RegistryNames.CheckAlias(alias);
        return Conflicts.RetryAsync(async () =>
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var (row, _) = await RegisterInAsync(context, version, cancellationToken);
            // The version gets its id on save; the alias row only needs the number, known already.
            var change = await SetAliasInAsync(context, version.ModelName, bare, row.Version, version.Actor, cancellationToken);
            ExperimentRun? run = null;
            if (finishRun is { } runId) run = await SqlRunStore.EndInAsync(context, runId, RunStatus.Finished, null, clock.GetUtcNow(), cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            options.Reach(WritePoints.PublishCommit);
            await transaction.CommitAsync(cancellationToken);
            options.Reach(WritePoints.PublishCommitted);
            return new PublishedVersion(row.ToRecord(), change, run);
        }, $"publishing {version.ModelName}", cancellationToken);
    }

    /// <summary>Adds the version row (MAX+1, made safe by the unique index and the caller's retry) unless the package is already one.</summary>
    private async Task<(ModelVersionRow Row, bool Added)> RegisterInAsync(FlywheelDbContext context, NewModelVersion version, CancellationToken cancellationToken)
    {
        var existing = await context.ModelVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.ModelName == version.ModelName && v.PackageId == version.PackageId, cancellationToken);
        if (existing is not null) return (existing, false);
        var latest = await context.ModelVersions.Where(v => v.ModelName == version.ModelName).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        var row = new ModelVersionRow
        {
            ModelName = version.ModelName,
            Version = latest + 1,
            PackageId = version.PackageId,
            PackagePath = version.PackagePath,
            RegisteredBy = version.Actor,
            RegisteredAt = clock.GetUtcNow(),
            RunId = version.RunId,
        };
        context.ModelVersions.Add(row);
        Audit.Add(context, version.Actor, "model.register", $"model:{version.ModelName}", row.RegisteredAt,
            new { version = row.Version, package = row.PackageId, run = row.RunId });
        return (row, true);
    }

    public async Task<IReadOnlyList<string>> ListModelNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var names = await context.ModelVersions.Select(v => v.ModelName).Distinct().ToListAsync(cancellationToken);
        return names.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var rows = await context.ModelVersions.AsNoTracking().Where(v => v.ModelName == modelName).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ModelVersion> GetVersionAsync(string modelName, int version, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        return (await FindVersionRowAsync(context, modelName, version, cancellationToken)).ToRecord();
    }

    public async Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string modelName, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var rows = await context.Aliases.AsNoTracking().Where(a => a.ModelName == modelName).OrderBy(a => a.Alias).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ModelVersion> ResolveAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default)
    {
        var bare = RegistryNames.CheckAlias(alias);
        await using var context = database.CreateContext();
        await RequireModelAsync(context, modelName, cancellationToken);
        var row = await context.Aliases.AsNoTracking().SingleOrDefaultAsync(a => a.ModelName == modelName && a.Alias == bare, cancellationToken);
        if (row is null)
        {
            var known = await context.Aliases.Where(a => a.ModelName == modelName).Select(a => a.Alias).ToListAsync(cancellationToken);
            throw new NotFoundException($"model '{modelName}' has no alias '@{bare}'; aliases: {Listing(known.Order().Select(a => "@" + a))}", "alias");
        }
        return (await FindVersionRowAsync(context, modelName, row.Version, cancellationToken)).ToRecord();
    }

    public async Task<AliasEvent?> SetAliasAsync(string modelName, string alias, int version, string actor, CancellationToken cancellationToken = default)
    {
        var bare = RegistryNames.CheckAlias(alias);
        return await Conflicts.RetryAsync(async () =>
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await FindVersionRowAsync(context, modelName, version, cancellationToken);
            var change = await SetAliasInAsync(context, modelName, bare, version, actor, cancellationToken);
            if (change is null) return null;
            await context.SaveChangesAsync(cancellationToken);
            options.Reach(WritePoints.AliasCommit);
            await transaction.CommitAsync(cancellationToken);
            return change;
        }, $"setting {modelName}@{bare}", cancellationToken);
    }

    private async Task<AliasEvent?> SetAliasInAsync(FlywheelDbContext context, string modelName, string bare, int version, string actor, CancellationToken cancellationToken)
    {
        var current = await context.Aliases.SingleOrDefaultAsync(a => a.ModelName == modelName && a.Alias == bare, cancellationToken);
        if (current?.Version == version) return null;
        var change = new AliasEventRow
        {
            ModelName = modelName,
            Alias = bare,
            Transition = (current is null ? AliasTransition.Assigned : AliasTransition.Moved).ToString(),
            FromVersion = current?.Version,
            ToVersion = version,
            Actor = actor,
            At = clock.GetUtcNow(),
        };
        if (current is null) context.Aliases.Add(new AliasRow { ModelName = modelName, Alias = bare, Version = version });
        else current.Version = version;
        context.AliasEvents.Add(change);
        Audit.Add(context, actor, current is null ? "alias.set" : "alias.move", $"model:{modelName}", change.At,
            new { alias = bare, from = change.FromVersion, to = version });
        return change.ToRecord();
    }

    public async Task<AliasEvent> RemoveAliasAsync(string modelName, string alias, string actor, CancellationToken cancellationToken = default)
    {
        var bare = RegistryNames.CheckAlias(alias);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await RequireModelAsync(context, modelName, cancellationToken);
        var current = await context.Aliases.SingleOrDefaultAsync(a => a.ModelName == modelName && a.Alias == bare, cancellationToken)
            ?? throw new NotFoundException($"model '{modelName}' has no alias '@{bare}' to remove", "alias");
        var change = new AliasEventRow
        {
            ModelName = modelName,
            Alias = bare,
            Transition = nameof(AliasTransition.Removed),
            FromVersion = current.Version,
            ToVersion = null,
            Actor = actor,
            At = clock.GetUtcNow(),
        };
        context.Aliases.Remove(current);
        context.AliasEvents.Add(change);
        Audit.Add(context, actor, "alias.remove", $"model:{modelName}", change.At, new { alias = bare, from = change.FromVersion });
        await context.SaveChangesAsync(cancellationToken);
        options.Reach(WritePoints.AliasCommit);
        await transaction.CommitAsync(cancellationToken);
        return change.ToRecord();
    }

    public async Task<IReadOnlyList<AliasEvent>> AliasHistoryAsync(string modelName, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var rows = await context.AliasEvents.AsNoTracking().Where(e => e.ModelName == modelName).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private static async Task RequireModelAsync(FlywheelDbContext context, string modelName, CancellationToken cancellationToken)
    {
        if (await context.ModelVersions.AnyAsync(v => v.ModelName == modelName, cancellationToken)) return;
        var known = await context.ModelVersions.Select(v => v.ModelName).Distinct().ToListAsync(cancellationToken);
        throw new NotFoundException($"unknown model '{modelName}'; registered models: {Listing(known.Order(StringComparer.Ordinal))}", "model");
    }

    private static async Task<ModelVersionRow> FindVersionRowAsync(FlywheelDbContext context, string modelName, int version, CancellationToken cancellationToken)
    {
        var row = await context.ModelVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.ModelName == modelName && v.Version == version, cancellationToken);
        if (row is not null) return row;
        await RequireModelAsync(context, modelName, cancellationToken);
        var versions = await context.ModelVersions.Where(v => v.ModelName == modelName).OrderBy(v => v.Version).Select(v => v.Version).ToListAsync(cancellationToken);
        throw new NotFoundException($"model '{modelName}' has no version {version}; versions: {Listing(versions.Select(v => v.ToString()))}", "version");
    }

    private static string Listing(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}

using Flywheel.Storage.Access;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>
/// <see cref="IApiKeyStore"/> on the metadata database; only hashes are stored. A found key is remembered for
/// <see cref="CacheFor"/> so authenticating a request is not a database round trip (it was the server's bottleneck);
/// a create or revoke through this store forgets them at once, a revoke by another process takes effect within that
/// time. Expiry is checked by the caller on every request. Unknown secrets are never cached (no memory to spray).
/// </summary>
internal sealed class SqlApiKeyStore(MetadataDatabase database, TimeProvider clock) : IApiKeyStore
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset Until)> _found = new(StringComparer.Ordinal);

    public async Task<IssuedApiKey> CreateAsync(string name, string role, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken = default)
    {
        var (id, secret) = ApiKeySecrets.NewKey();
        var key = await AddAsync(id, name, role, secret, expiresAt, actor, cancellationToken);
        return new IssuedApiKey(key, secret);
    }

    public async Task<ApiKey> ImportAsync(string name, string role, string secret, string actor, CancellationToken cancellationToken = default)
    {
        if (await FindBySecretAsync(secret, cancellationToken) is { } existing) return existing;
        var id = ApiKeySecrets.IdOf(secret) ?? ApiKeySecrets.Hash(secret)[..12];
        return await AddAsync(id, name, role, secret, null, actor, cancellationToken);
    }

    public async Task<ApiKey?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeySecrets.Hash(secret);
        var now = clock.GetUtcNow();
        if (_found.TryGetValue(hash, out var cached) && cached.Until > now) return cached.Key;
        await using var context = database.CreateContext();
        // Looked up by the hash (indexed, unique), then compared in constant time so timing tells nothing.
        var row = await context.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (row is null || !ApiKeySecrets.Matches(secret, row.Hash)) return null;
        var key = row.ToRecord();
        _found[hash] = (key, now + CacheFor);
        return key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        // SQLite cannot order by DateTimeOffset; the keys are few.
        var rows = await context.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToRecord()).ToList();
    }

    public async Task<ApiKey> RevokeAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var row = await context.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new NotFoundException($"no API key with id '{id}'", "key");
        if (row.RevokedAt is null)
        {
            row.RevokedAt = clock.GetUtcNow();
            Audit.Add(context, actor, "key.revoke", $"key:{id}", row.RevokedAt.Value, new { before = "active", after = "revoked", row.Name, row.Role });
            await context.SaveChangesAsync(cancellationToken);
            _found.Clear(); // after the commit, so a request in between cannot cache the key as still active
        }
        return row.ToRecord();
    }

    public async Task<bool> AnyActiveAsync(string role, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        return await context.ApiKeys.AnyAsync(k => k.Role == role && k.RevokedAt == null, cancellationToken);
    }

    private async Task<ApiKey> AddAsync(string id, string name, string role, string secret, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new InputException("an API key needs a name", "name");
        var now = clock.GetUtcNow();
        if (expiresAt is { } expiry && expiry <= now) throw new InputException($"the expiry {expiry:O} is in the past", "expiresAt");
        var row = new ApiKeyRow { Id = id, Name = name, Role = role, Hash = ApiKeySecrets.Hash(secret), CreatedBy = actor, CreatedAt = now, ExpiresAt = expiresAt };
        await using var context = database.CreateContext();
        context.ApiKeys.Add(row);
        Audit.Add(context, actor, "key.create", $"key:{id}", now, new { before = (string?)null, after = "active", name, role, expiresAt });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (Conflicts.IsUniqueViolation(error))
        {
            throw new ConflictException($"an API key with id '{id}' exists", "key", error);
        }
        return row.ToRecord();
    }
}

using Flywheel.Storage.Access;

namespace Flywheel.Operate.Access;

/// <summary>
/// What an administrator may do with API keys, on top of the store's <see cref="IApiKeyStore"/>: a key is created with
/// a known role (an unknown one names <c>role</c>), and the last active admin key cannot be revoked — the server would
/// be left with nobody able to manage it. The store audits every change.
/// </summary>
public sealed class KeyAdministration(IApiKeyStore keys, TimeProvider clock)
{
    public Task<IssuedApiKey> CreateAsync(string? name, string? role, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new InputException("an API key needs a name", "name");
        return keys.CreateAsync(name.Trim(), Roles.Parse(role), expiresAt, actor, cancellationToken);
    }

    public async Task<ApiKey> RevokeAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        var all = await keys.ListAsync(cancellationToken);
        var key = all.FirstOrDefault(k => k.Id == id) ?? throw new NotFoundException($"no API key with id '{id}'", "key");
        var now = clock.GetUtcNow();
        if (key.Role == Roles.Admin && key.IsActive(now) && all.Count(k => k.Role == Roles.Admin && k.IsActive(now)) == 1)
            throw new ConflictException($"API key {id} is the last active admin key; create another admin key before revoking it", $"key:{id}");
        return await keys.RevokeAsync(id, actor, cancellationToken);
    }
}

namespace Flywheel.Storage.Access;

/// <summary>
/// API keys of the server: created (the secret returned once), found by secret, listed, revoked. Every change is
/// written to the audit trail in the same transaction. An unknown key id is a <see cref="NotFoundException"/>.
/// </summary>
public interface IApiKeyStore
{
    Task<IssuedApiKey> CreateAsync(string name, string role, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a key with a given secret (the initial admin key from <c>FLYWHEEL_ADMIN_KEY</c>); a secret already stored is
    /// returned as it is.
    /// </summary>
    Task<ApiKey> ImportAsync(string name, string role, string secret, string actor, CancellationToken cancellationToken = default);

    /// <summary>The key a secret belongs to, active or not; null when no stored key has that secret.</summary>
    Task<ApiKey?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    Task<ApiKey> RevokeAsync(string id, string actor, CancellationToken cancellationToken = default);

    /// <summary>Whether any key with <paramref name="role"/> exists that is not revoked (first start creates the admin key when none).</summary>
    Task<bool> AnyActiveAsync(string role, CancellationToken cancellationToken = default);
}

namespace Flywheel.Storage.Access;

/// <summary>
/// An API key as the store keeps it: never the secret, only its SHA-256 hash, found by the public id that leads the
/// key text (<c>fw_&lt;id&gt;_&lt;secret&gt;</c>). The role is one of the server's role names; a key with an expiry in the past
/// or a revocation time is refused.
/// </summary>
public sealed record ApiKey(string Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A key just created: the record, and the secret text shown to its owner once.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

using System.Security.Cryptography;
using System.Text;

namespace Flywheel.Storage.Access;

/// <summary>
/// The key text format and its hash. A key is <c>fw_</c>, a 12-character public id, <c>_</c>, and 43 characters of
/// 256 random bits (base64url). The secret has full entropy, so one SHA-256 is the right hash (a slow password hash
/// protects guessable secrets; it would only slow every request here). Comparison is constant-time.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "fw_";
    private const int IdLength = 12;

    public static (string Id, string Secret) NewKey()
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(9)); // 12 characters
        var secret = $"{Prefix}{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return (id, secret);
    }

    /// <summary>The public id of a key text, or null when the text is not shaped like a Flywheel key.</summary>
    public static string? IdOf(string secret)
    {
        if (secret.Length < Prefix.Length + IdLength + 2 || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret[Prefix.Length + IdLength] != '_')
            return null;
        return secret.Substring(Prefix.Length, IdLength);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

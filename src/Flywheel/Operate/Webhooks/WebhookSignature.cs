using System.Security.Cryptography;
using System.Text;

namespace Flywheel.Operate.Webhooks;

/// <summary>
/// The signature a receiver checks: <c>X-Flywheel-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> keyed
/// with the webhook's secret (GitHub's scheme). Compare in constant time (<see cref="Verify"/>).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Flywheel-Signature";
    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature));
}

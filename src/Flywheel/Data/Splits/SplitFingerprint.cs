using System.Security.Cryptography;
using System.Text;

namespace Flywheel.Data.Splits;

/// <summary>SHA-256 (lower-case hex) over the data fingerprint, the canonical settings and one byte per row.</summary>
public static class SplitFingerprint
{
    public static string Compute(string dataFingerprint, SplitSettings settings, IReadOnlyList<SplitName> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"flywheel-split-v1\n{dataFingerprint}\n{settings.Canonical()}\n"));
        var bytes = new byte[rows.Count];
        for (var row = 0; row < rows.Count; row++) bytes[row] = (byte)rows[row];
        hash.AppendData(bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

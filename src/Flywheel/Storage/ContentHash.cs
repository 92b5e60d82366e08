using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Flywheel.Storage;

/// <summary>
/// SHA-256 of a folder's content, independent of file dates, permissions and listing order: for each file, by
/// ordinal order of its relative path written with '/', the hash takes the path's UTF-8 bytes, a zero byte, the
/// length as 8 bytes little-endian, then the bytes. Lowercase hex.
/// </summary>
public static class ContentHash
{
    public static string OfFolder(string folder, IReadOnlySet<string>? excludedFiles = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var (relative, full) in Files(folder))
        {
            if (excludedFiles?.Contains(relative) == true) continue;
            sha.AppendData(Encoding.UTF8.GetBytes(relative));
            sha.AppendData([0]);
            var bytes = File.ReadAllBytes(full);
            BinaryPrimitives.WriteInt64LittleEndian(length, bytes.LongLength);
            sha.AppendData(length);
            sha.AppendData(bytes);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    private static IEnumerable<(string Relative, string Full)> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(full => (Relative: Path.GetRelativePath(folder, full).Replace('\\', '/'), Full: full))
            .OrderBy(file => file.Relative, StringComparer.Ordinal);
}

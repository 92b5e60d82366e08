using System.Security.Cryptography;
using System.Text;

namespace Flywheel.Data.Preprocessing;

/// <summary>SHA-256 over a table's column names, kinds and values, independent of the file's formatting.</summary>
public static class TableFingerprint
{
    public static string Compute(ColumnTable table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var column in table.Columns)
        {
            Append(hash, $"column:{column.Name}:{column.Kind}");
            for (var row = 0; row < table.RowCount; row++)
                Append(hash, column.String(row) is { } value ? "v" + value : "-");
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}

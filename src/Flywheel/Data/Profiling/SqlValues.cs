using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Numerics;

namespace Flywheel.Data.Profiling;

/// <summary>Reads DuckDB result values (integers of every width, decimals, doubles, lists) as .NET numbers.</summary>
internal static class SqlValues
{
    public static double? Double(DbDataReader reader, int index) => reader.IsDBNull(index) ? null : ToDouble(reader.GetValue(index));

    public static long Long(DbDataReader reader, int index) => reader.IsDBNull(index) ? 0 : (long)ToDouble(reader.GetValue(index));

    public static string? Text(DbDataReader reader, int index) => reader.IsDBNull(index) ? null : Convert.ToString(reader.GetValue(index), CultureInfo.InvariantCulture);

    public static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        BigInteger big => (double)big,
        bool b => b ? 1 : 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<double?> List(DbDataReader reader, int index)
    {
        if (reader.IsDBNull(index)) return [];
        return ((IEnumerable)reader.GetValue(index)).Cast<object?>().Select(item => item is null ? (double?)null : ToDouble(item)).ToList();
    }
}

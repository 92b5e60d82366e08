using System.Globalization;

namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// A column made ready for every test at once (prepare a reference once and compare many windows with it): numbers
/// without NaN sorted once, or category counts without nulls; and
/// the number of distinct values (Evidently's <c>nunique</c>).
/// </summary>
public sealed class PreparedColumn
{
    public double[]? Sorted { get; private init; }
    public Dictionary<string, long>? Counts { get; private init; }
    public long Rows { get; private init; }
    public int Unique { get; private init; }
    public bool IsNumeric => Sorted is not null;

    public static PreparedColumn From(ColumnSample sample) => sample switch
    {
        ColumnSample.Numeric numeric => FromNumbers(numeric.Values),
        ColumnSample.Categorical categorical => FromLabels(categorical.Values),
        _ => throw new ArgumentOutOfRangeException(nameof(sample)),
    };

    static PreparedColumn FromNumbers(double[] values)
    {
        var kept = 0;
        for (var i = 0; i < values.Length; i++) if (!double.IsNaN(values[i])) kept++;
        var sorted = new double[kept];
        var k = 0;
        for (var i = 0; i < values.Length; i++) if (!double.IsNaN(values[i])) sorted[k++] = values[i];
        RadixSort.Sort(sorted);
        var unique = 0;
        for (var i = 0; i < sorted.Length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) unique++;
        return new PreparedColumn { Sorted = sorted, Rows = kept, Unique = unique };
    }

    static PreparedColumn FromLabels(string?[] values)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var value in values)
        {
            if (value is null) continue;
            rows++;
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        return new PreparedColumn { Counts = counts, Rows = rows, Unique = counts.Count };
    }

    /// <summary>The values and their counts, numbers as categories (ascending) when a test reads a numeric column per value.</summary>
    internal IEnumerable<(string Key, double? Number, long Count)> Values()
    {
        if (Counts is not null)
        {
            foreach (var (key, count) in Counts) yield return (key, null, count);
            yield break;
        }
        var sorted = Sorted!;
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i]) j++;
            yield return (sorted[i].ToString("R", CultureInfo.InvariantCulture), sorted[i], j - i);
            i = j;
        }
    }
}

/// <summary>The union of two columns' values (Evidently's <c>keys</c>) with each side's counts.</summary>
internal sealed class CategoryTable
{
    public required string[] Keys { get; init; }
    public required double?[] Numbers { get; init; }
    public required long[] Reference { get; init; }
    public required long[] Current { get; init; }
    public required long ReferenceRows { get; init; }
    public required long CurrentRows { get; init; }

    public static CategoryTable Of(PreparedColumn reference, PreparedColumn current)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        var numbers = new List<double?>();
        var refCounts = new List<long>();
        var curCounts = new List<long>();
        foreach (var (key, number, count) in reference.Values())
        {
            index[key] = keys.Count;
            keys.Add(key);
            numbers.Add(number);
            refCounts.Add(count);
            curCounts.Add(0);
        }
        foreach (var (key, number, count) in current.Values())
        {
            if (index.TryGetValue(key, out var at))
            {
                curCounts[at] = count;
                continue;
            }
            index[key] = keys.Count;
            keys.Add(key);
            numbers.Add(number);
            refCounts.Add(0);
            curCounts.Add(count);
        }
        return new CategoryTable
        {
            Keys = [.. keys], Numbers = [.. numbers], Reference = [.. refCounts], Current = [.. curCounts],
            ReferenceRows = reference.Rows, CurrentRows = current.Rows,
        };
    }

    /// <summary>The index of the smallest key (Python's <c>sorted(keys)[0]</c>: numbers by value, labels by code point).</summary>
    public int FirstKey()
    {
        var best = 0;
        for (var i = 1; i < Keys.Length; i++)
        {
            var smaller = Numbers[i] is { } number ? number < Numbers[best]!.Value : string.CompareOrdinal(Keys[i], Keys[best]) < 0;
            if (smaller) best = i;
        }
        return best;
    }

    public double[] ReferenceShares() => Shares(Reference, ReferenceRows);
    public double[] CurrentShares() => Shares(Current, CurrentRows);

    static double[] Shares(long[] counts, long rows)
    {
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++) shares[i] = (double)counts[i] / rows;
        return shares;
    }
}

using System.Globalization;

namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// PSI's bins, as Evidently's <c>get_binned_data</c> makes them: for a numeric column with more than 20 distinct
/// reference values, <c>numpy.histogram_bin_edges(reference ∪ current, "sturges")</c> and <c>numpy.histogram</c>
/// counts (last bin closed); otherwise one bin per value of the union.
/// </summary>
internal sealed record Bins(string[] Labels, long[] Reference, long[] Current, long ReferenceRows, long CurrentRows)
{
    public const int PerValueLimit = 20;

    public static Bins Of(PreparedColumn reference, PreparedColumn current)
    {
        if (reference.IsNumeric && current.IsNumeric && reference.Unique > PerValueLimit)
        {
            var edges = SturgesEdges(reference.Sorted!, current.Sorted!);
            return new Bins(EdgeLabels(edges), Histogram(reference.Sorted!, edges), Histogram(current.Sorted!, edges), reference.Rows, current.Rows);
        }
        var table = CategoryTable.Of(reference, current);
        return new Bins(table.Keys, table.Reference, table.Current, table.ReferenceRows, table.CurrentRows);
    }

    public double[] ReferenceShares() => Shares(Reference, ReferenceRows);
    public double[] CurrentShares() => Shares(Current, CurrentRows);

    static double[] Shares(long[] counts, long rows)
    {
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++) shares[i] = rows == 0 ? 0 : (double)counts[i] / rows;
        return shares;
    }

    /// <summary>numpy's Sturges edges over both sorted samples: width = ptp/(log₂ N + 1), ⌈ptp/width⌉ equal bins on [min, max].</summary>
    public static double[] SturgesEdges(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        var min = Math.Min(sortedA.IsEmpty ? double.PositiveInfinity : sortedA[0], sortedB.IsEmpty ? double.PositiveInfinity : sortedB[0]);
        var max = Math.Max(sortedA.IsEmpty ? double.NegativeInfinity : sortedA[^1], sortedB.IsEmpty ? double.NegativeInfinity : sortedB[^1]);
        long size = sortedA.Length + sortedB.Length;
        var ptp = max - min;
        double first = min, last = max;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }
        var width = ptp / (Math.Log2(size) + 1.0);
        var bins = width != 0 ? (int)Math.Ceiling((last - first) / width) : 1;
        var edges = new double[bins + 1];
        var step = (last - first) / bins;
        for (var i = 0; i < bins; i++) edges[i] = i * step + first;
        edges[bins] = last;
        return edges;
    }

    /// <summary><c>numpy.histogram(values, edges)[0]</c> on sorted values: [eᵢ, eᵢ₊₁) and the last bin closed.</summary>
    public static long[] Histogram(ReadOnlySpan<double> sorted, double[] edges)
    {
        var counts = new long[edges.Length - 1];
        var below = LowerBound(sorted, edges[0]);
        for (var b = 0; b < counts.Length; b++)
        {
            var upTo = b == counts.Length - 1 ? UpperBound(sorted, edges[b + 1]) : LowerBound(sorted, edges[b + 1]);
            counts[b] = upTo - below;
            below = upTo;
        }
        return counts;
    }

    static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static string[] EdgeLabels(double[] edges)
    {
        var labels = new string[edges.Length - 1];
        for (var b = 0; b < labels.Length; b++)
            labels[b] = $"[{Format(edges[b])}, {Format(edges[b + 1])}{(b == labels.Length - 1 ? "]" : ")")}";
        return labels;
    }

    static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}

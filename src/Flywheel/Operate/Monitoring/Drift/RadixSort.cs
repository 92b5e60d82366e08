using System.Runtime.InteropServices;

namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// Sorts numbers without NaN ascending, as <see cref="Array.Sort(Array)"/> orders them, by a least-significant-digit
/// radix sort over order-preserving 64-bit keys: a window's column is a million values, and the monitoring benchmark's
/// drift step (15 such columns) fell from ≈ 1.3 s to ≈ 0.5 s with it. A digit every value shares (the sign and exponent bits of a column in
/// one range, the trailing zero bits of short decimals) costs one histogram and no pass. The one difference from
/// <see cref="Array.Sort(Array)"/>: −0 comes before 0 (which it leaves in either order, being equal).
/// </summary>
internal static class RadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Digits = (64 + Bits - 1) / Bits;

    // Below this a comparison sort is as fast, without the key buffer and histograms.
    private const int Smallest = 4096;

    public static void Sort(double[] values)
    {
        if (values.Length < Smallest)
        {
            Array.Sort(values);
            return;
        }
        var keys = MemoryMarshal.Cast<double, ulong>(values.AsSpan());
        var counts = new int[Digits * Buckets];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = Key(keys[i]);
            keys[i] = key;
            for (var d = 0; d < Digits; d++) counts[d * Buckets + (int)((key >> (d * Bits)) & (Buckets - 1))]++;
        }

        var other = new ulong[keys.Length];
        var from = keys;
        var to = other.AsSpan();
        for (var d = 0; d < Digits; d++)
        {
            var histogram = counts.AsSpan(d * Buckets, Buckets);
            if (histogram.Contains(keys.Length)) continue;
            var offset = 0;
            for (var b = 0; b < Buckets; b++) (histogram[b], offset) = (offset, offset + histogram[b]);
            var shift = d * Bits;
            foreach (var key in from) to[histogram[(int)((key >> shift) & (Buckets - 1))]++] = key;
            var done = to;
            to = from;
            from = done;
        }
        if (from != keys) from.CopyTo(keys);
        for (var i = 0; i < keys.Length; i++) keys[i] = Bits64(keys[i]);
    }

    // Negative numbers: every bit flipped (larger magnitude, smaller key); positive ones: the sign bit set.
    private static ulong Key(ulong bits) => (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);

    private static ulong Bits64(ulong key) => (key & (1UL << 63)) != 0 ? key & ~(1UL << 63) : ~key;
}

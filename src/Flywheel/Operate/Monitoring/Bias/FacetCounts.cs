namespace Flywheel.Operate.Monitoring.Bias;

/// <summary>The counts every Clarify metric is a ratio of, per facet: rows, observed and predicted positives, the confusion cells.</summary>
internal readonly record struct FacetCounts(
    long A, long D, long PositiveA, long PositiveD, long PredictedPositiveA, long PredictedPositiveD,
    long TruePositiveA, long TruePositiveD, long TrueNegativeA, long TrueNegativeD,
    long FalsePositiveA, long FalsePositiveD, long FalseNegativeA, long FalseNegativeD)
{
    public static FacetCounts Of(BiasRows rows)
    {
        var n = rows.Observed.Length;
        if (rows.InFacetD.Length != n || (rows.Predicted is { } p && p.Length != n) || (rows.Subgroups is { } s && s.Length != n))
            throw new ArgumentException("Every column of the bias rows must have one value per row.", nameof(rows));
        long[] a = new long[7], d = new long[7];
        for (var i = 0; i < n; i++)
        {
            var c = rows.InFacetD[i] ? d : a;
            var y = rows.Observed[i];
            c[0]++;
            if (y) c[1]++;
            if (rows.Predicted is not { } predicted) continue;
            var yhat = predicted[i];
            if (yhat) c[2]++;
            if (y && yhat) c[3]++;
            if (!y && !yhat) c[4]++;
            if (!y && yhat) c[5]++;
            if (y && !yhat) c[6]++;
        }
        return new FacetCounts(a[0], d[0], a[1], d[1], a[2], d[2], a[3], d[3], a[4], d[4], a[5], d[5], a[6], d[6]);
    }
}

/// <summary>Clarify's arithmetic on ratios: x/0 = ±∞ by the sign of x, 0/0 = 0; ∞ − ∞ of the same sign = 0.</summary>
internal static class Ratio
{
    public static double Div(double x, double y) =>
        y != 0 ? x / y : x == 0 ? 0.0 : x > 0 ? double.PositiveInfinity : double.NegativeInfinity;

    public static double Sub(double x, double y) =>
        double.IsInfinity(x) && x == y ? 0.0 : x - y;
}

using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// The statistics behind Evidently's drift tests, each the value scipy/numpy return on the same data (OPERATE.md §5):
/// <c>scipy.stats.chisquare</c>, Evidently's proportions Z-test, <c>scipy.stats.wasserstein_distance</c>,
/// <c>scipy.spatial.distance.jensenshannon</c>, PSI and Model Monitor's L∞. The raw-array overloads are for callers and
/// tests; the detector passes sorted arrays and category tables it built once.
/// </summary>
public static class DriftStatistics
{
    /// <summary><c>scipy.stats.ks_2samp(reference, current)</c> (NaN dropped).</summary>
    public static TestResult KolmogorovSmirnov(double[] reference, double[] current) =>
        Drift.KolmogorovSmirnov.Test(Clean(reference), Clean(current));

    /// <summary><c>scipy.stats.chisquare(observed, expected)</c>: Σ (o − e)²/e and the χ² survival at k − 1 degrees of freedom.</summary>
    public static TestResult ChiSquare(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        if (observed.Length != expected.Length || observed.Length == 0) throw new ArgumentException("chisquare needs two tables of the same, non-zero size.");
        var statistic = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var diff = observed[i] - expected[i];
            statistic += diff * diff / expected[i];
        }
        var dof = observed.Length - 1;
        double p = double.IsPositiveInfinity(statistic) ? 0.0 : dof == 0 ? double.NaN : SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2.0);
        return new TestResult(statistic, p);
    }

    /// <summary>Evidently's <c>chi_stat_test</c>: current counts against reference shares × current size, on the union of values.</summary>
    internal static TestResult ChiSquare(CategoryTable table)
    {
        var k = (double)table.CurrentRows / table.ReferenceRows;
        var observed = new double[table.Keys.Length];
        var expected = new double[table.Keys.Length];
        for (var i = 0; i < observed.Length; i++)
        {
            observed[i] = table.Current[i];
            expected[i] = table.Reference[i] * k;
        }
        return ChiSquare(observed, expected);
    }

    /// <summary>
    /// Evidently's <c>z_stat_test</c>: each row is 0 when it is the smallest value of the union and 1 otherwise; the
    /// pooled two-proportion z and 2·(1 − Φ(|z|)). One and the same value on both sides is p = 1.
    /// </summary>
    internal static TestResult ZTest(CategoryTable table, int referenceUnique, int currentUnique)
    {
        var first = table.FirstKey();
        if (referenceUnique == 1 && currentUnique == 1 && table.Keys.Length == 1) return new TestResult(0.0, 1.0);
        double n1 = table.ReferenceRows, n2 = table.CurrentRows;
        var p1 = (n1 - table.Reference[first]) / n1;
        var p2 = (n2 - table.Current[first]) / n2;
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return new TestResult(z, 2 * (1 - Normal.CDF(0, 1, Math.Abs(z))));
    }

    /// <summary><c>scipy.stats.wasserstein_distance(u, v)</c> (NaN dropped).</summary>
    public static double Wasserstein(double[] u, double[] v) => Wasserstein((ReadOnlySpan<double>)Clean(u), Clean(v));

    /// <summary>∫ |U(x) − V(x)| dx over the merged sorted values, as scipy's <c>_cdf_distance(1, …)</c>.</summary>
    public static double Wasserstein(ReadOnlySpan<double> sortedU, ReadOnlySpan<double> sortedV)
    {
        int nu = sortedU.Length, nv = sortedV.Length, i = 0, j = 0;
        var total = nu + nv;
        var sum = 0.0;
        while (i + j < total)
        {
            var x = j >= nv || (i < nu && sortedU[i] <= sortedV[j]) ? sortedU[i++] : sortedV[j++];
            if (i + j == total) break;
            var next = j >= nv || (i < nu && sortedU[i] <= sortedV[j]) ? sortedU[i] : sortedV[j];
            sum += Math.Abs((double)i / nu - (double)j / nv) * (next - x);
        }
        return sum;
    }

    /// <summary>Evidently's normed Wasserstein: the distance over max(std(reference), 0.001), std with ddof 0.</summary>
    public static double WassersteinNormed(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent) =>
        Wasserstein(sortedReference, sortedCurrent) / Math.Max(PopulationStd(sortedReference), 0.001);

    /// <summary><c>numpy.std(values)</c> (ddof 0, two passes).</summary>
    public static double PopulationStd(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var value in values) mean += value;
        mean /= values.Length;
        var squares = 0.0;
        foreach (var value in values) squares += (value - mean) * (value - mean);
        return Math.Sqrt(squares / values.Length);
    }

    /// <summary><c>scipy.spatial.distance.jensenshannon(p, q, base)</c>: both normalized, √(½[KL(p‖m) + KL(q‖m)] / ln base).</summary>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double logBase = 2)
    {
        double sp = 0, sq = 0;
        for (var i = 0; i < p.Length; i++)
        {
            sp += p[i];
            sq += q[i];
        }
        double left = 0, right = 0;
        for (var i = 0; i < p.Length; i++)
        {
            double pi = p[i] / sp, qi = q[i] / sq, m = (pi + qi) / 2.0;
            left += RelativeEntropy(pi, m);
            right += RelativeEntropy(qi, m);
        }
        return Math.Sqrt((left + right) / Math.Log(logBase) / 2.0);
    }

    static double RelativeEntropy(double x, double y) =>
        x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0.0 : double.PositiveInfinity;

    /// <summary>PSI = Σ (ref − cur)·ln(ref/cur) on shares whose zeros are already filled (<see cref="FillZeroes"/>).</summary>
    public static double Psi(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        var psi = 0.0;
        for (var i = 0; i < referenceShares.Length; i++)
            psi += (referenceShares[i] - currentShares[i]) * Math.Log(referenceShares[i] / currentShares[i]);
        return psi;
    }

    /// <summary>
    /// Evidently's <c>feel_zeroes</c>: empty bins get 0.0001, or the smallest non-zero share / 10⁶ when that share is
    /// itself at most 0.0001 (so a filled bin never outweighs a real one).
    /// </summary>
    public static void FillZeroes(Span<double> shares)
    {
        var min = double.PositiveInfinity;
        foreach (var share in shares) if (share != 0 && share < min) min = share;
        if (double.IsPositiveInfinity(min)) return;
        var fill = min <= 0.0001 ? min / 1e6 : 0.0001;
        for (var i = 0; i < shares.Length; i++) if (shares[i] == 0) shares[i] = fill;
    }

    /// <summary>Model Monitor's categorical L∞: the largest absolute difference of shares over the union of values.</summary>
    public static double LinfShares(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        var max = 0.0;
        for (var i = 0; i < referenceShares.Length; i++) max = Math.Max(max, Math.Abs(referenceShares[i] - currentShares[i]));
        return max;
    }

    /// <summary>Model Monitor's "Robust" L∞: max(0, L∞ − 1.8·√((n + m)/(n·m))).</summary>
    public static double LinfRobust(double linf, long n, long m) => Math.Max(0, linf - 1.8 * Math.Sqrt((double)(n + m) / ((double)n * m)));

    internal static double[] Clean(double[] values)
    {
        var kept = values.Where(value => !double.IsNaN(value)).ToArray();
        Array.Sort(kept);
        return kept;
    }
}

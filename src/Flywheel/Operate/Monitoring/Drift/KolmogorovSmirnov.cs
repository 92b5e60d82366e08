namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// scipy's two-sided <c>ks_2samp(reference, current)</c> with <c>method='auto'</c> (scipy 1.10): the exact p-value when
/// both samples have at most 10,000 values (Hodges' lattice-path counts, Viehmann's 1 − p recursion for unequal sizes),
/// else the one-sample Kolmogorov distribution at the rounded effective size <c>n·m/(n+m)</c>
/// (<see cref="KolmogorovDistribution.Survival"/>).
/// </summary>
public static class KolmogorovSmirnov
{
    const int MaxExactSize = 10_000;

    /// <summary>The statistic max |CDF₁ − CDF₂| of two sorted samples without NaN (right-continuous CDFs, as scipy's searchsorted 'right').</summary>
    public static double Statistic(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        int n1 = sorted1.Length, n2 = sorted2.Length, i = 0, j = 0;
        double max = 0, min = 0;
        while (i < n1 || j < n2)
        {
            var value = j >= n2 || (i < n1 && sorted1[i] <= sorted2[j]) ? sorted1[i] : sorted2[j];
            while (i < n1 && sorted1[i] <= value) i++;
            while (j < n2 && sorted2[j] <= value) j++;
            var diff = (double)i / n1 - (double)j / n2;
            if (diff > max) max = diff;
            if (diff < min) min = diff;
        }
        return Math.Max(max, Math.Clamp(-min, 0, 1));
    }

    /// <summary>Statistic and two-sided p-value of two sorted, non-empty samples without NaN.</summary>
    public static TestResult Test(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        if (sorted1.IsEmpty || sorted2.IsEmpty) throw new ArgumentException("ks_2samp needs two non-empty samples.");
        var d = Statistic(sorted1, sorted2);
        return PValue(sorted1.Length, sorted2.Length, d);
    }

    /// <summary>The p-value of statistic <paramref name="d"/> for sizes n1, n2; the statistic is snapped to the lattice when exact.</summary>
    public static TestResult PValue(long n1, long n2, double d)
    {
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            // As scipy: the exact attempt snaps d to the lattice, and a failed attempt keeps the snapped d for the asymptotic branch.
            if (TryExact(n1, n2, d, out var snapped, out var exact)) return new TestResult(snapped, Math.Clamp(exact, 0, 1));
            d = snapped;
        }
        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        var p = KolmogorovDistribution.Survival((long)Math.Round(en, MidpointRounding.ToEven), d);
        return new TestResult(d, Math.Clamp(p, 0, 1));
    }

    static bool TryExact(long n1, long n2, double d, out double snapped, out double p)
    {
        var g = Gcd(n1, n2);
        var lcm = n1 / g * n2;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        snapped = (double)h / lcm;
        if (h == 0)
        {
            p = 1.0;
            return true;
        }
        p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInside(n1, n2, g, h);
        return double.IsFinite(p) && p is >= 0 and <= 1;
    }

    /// <summary>Pr(D_{n,n} ≥ h/n): 2·Σ (−1)^(k−1) binom(2n, n−kh)/binom(2n, n) by scipy's Horner scheme.</summary>
    static double ProbabilityOutsideSquare(long n, long h)
    {
        var total = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var term = 1.0;
            for (long j = 0; j < h; j++) term = (n - k * h - j) * term / (n + k * h + j + 1);
            total = term * (1.0 - total);
        }
        return 2 * total;
    }

    /// <summary>
    /// 1 − (paths from (0,0) to (m,n) staying strictly inside |x/m − y/n| &lt; h/lcm) / binom(m+n, n), computed directly as
    /// scipy's <c>_compute_outer_prob_inside_method</c> does (one sliding column).
    /// </summary>
    static double OuterProbabilityInside(long m, long n, long g, long h)
    {
        if (m < n) (m, n) = (n, m);
        long mg = m / g, ng = n / g;
        long minj = 0, maxj = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var curlen = maxj - minj;
        var lenA = (int)Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (var k = minj; k < maxj; k++) a[k] = 0.0;
        for (long i = 1; i <= m; i++)
        {
            long lastminj = minj, lastlen = curlen;
            minj = Math.Max((long)Math.Floor((double)(ng * i - h) / mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling((double)(ng * i + h) / mg), n + 1);
            if (maxj <= minj) return 1.0;
            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen)
                for (var k = maxj - minj; k < Math.Min(maxj - minj + (lastlen - curlen), lenA); k++) a[k] = 1;
        }
        return a[maxj - minj - 1];
    }

    static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}

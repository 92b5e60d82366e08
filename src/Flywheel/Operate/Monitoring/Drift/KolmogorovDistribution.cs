using MathNet.Numerics;

namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// The survival function Pr(Dₙ ≥ x) of the two-sided one-sample Kolmogorov–Smirnov statistic, as scipy's
/// <c>kstwo.sf</c> computes it (<c>scipy/stats/_ksstats.py</c>, Simard &amp; L'Ecuyer's choice of method): Ruben–Gambino
/// at the ends, 2·Smirnov where the intersection term vanishes, Durbin's matrix (Marsaglia–Tsang–Wang) or Pomeranz for
/// small n, Pelz–Good for large n. MathNet has no Kolmogorov distribution, hence the port.
/// </summary>
public static class KolmogorovDistribution
{
    const double MinLog = -708;
    static readonly double Scale = Math.ScaleB(1.0, 128), InverseScale = Math.ScaleB(1.0, -128);

    public static double Survival(long n, double x)
    {
        if (n <= 0 || double.IsNaN(x)) return double.NaN;
        if (x >= 1.0) return 0.0;
        if (x <= 0.0) return 1.0;
        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5) return 1.0;
            double prob;
            if (n <= 140)
            {
                prob = 1.0;
                for (long i = 1; i <= n; i++) prob *= i * (1.0 / n) * (2 * t - 1);
            }
            else prob = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            return Clip(1.0 - prob);
        }
        if (t >= n - 1) return Clip(2 * Math.Pow(1.0 - x, n));
        if (x >= 0.5) return Clip(2 * Smirnov(n, x));

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693) return Clip(1.0 - Durbin(n, x));
            if (nxSquared <= 4) return Clip(1.0 - Pomeranz(n, x));
            return Clip(2 * Smirnov(n, x));
        }
        if (nxSquared >= 370.0) return 0.0;
        if (nxSquared >= 2.2) return Clip(2 * Smirnov(n, x));
        var cdf = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4 ? Durbin(n, x) : PelzGood(n, x);
        return Clip(1.0 - cdf);
    }

    /// <summary>The one-sided Pr(Dₙ⁺ ≥ e), Birnbaum–Tingey's exact sum (scipy.special.smirnov).</summary>
    public static double Smirnov(long n, double e)
    {
        if (!(n > 0 && e >= 0.0 && e <= 1.0)) return double.NaN;
        if (e == 0.0) return 1.0;
        var last = (long)Math.Floor(n * (1.0 - e));
        var p = 0.0;
        if (n < 1013)
        {
            var c = 1.0;
            for (long v = 0; v <= last; v++)
            {
                var evn = e + (double)v / n;
                p += c * Math.Pow(evn, v - 1) * Math.Pow(1.0 - evn, n - v);
                c *= (double)(n - v) / (v + 1);
            }
        }
        else
        {
            var logNFactorial = SpecialFunctions.GammaLn(n + 1);
            for (long v = 0; v <= last; v++)
            {
                var evn = e + (double)v / n;
                var rest = 1.0 - evn;
                if (Math.Abs(rest) <= 0.0) continue;
                var term = logNFactorial - SpecialFunctions.GammaLn(v + 1) - SpecialFunctions.GammaLn(n - v + 1)
                    + (v - 1) * Math.Log(evn) + (n - v) * Math.Log(rest);
                if (term > MinLog) p += Math.Exp(term);
            }
        }
        return p * e;
    }

    /// <summary>log(n!/nⁿ) by Stirling's series without the n·log n term (scipy's <c>_log_nfactorial_div_n_pow_n</c>).</summary>
    static double LogFactorialOverPower(long n)
    {
        ReadOnlySpan<double> coefficients = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3,
            8.3333333333333333333e-2];
        var rn = 1.0 / n;
        var z = rn / n;
        var poly = 0.0;
        foreach (var c in coefficients) poly = poly * z + c;
        return Math.Log(n) / 2 - n + Math.Log(2 * Math.PI) / 2 + rn * poly;
    }

    static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    /// <summary>Pr(Dₙ ≤ d) by Durbin's matrix H^n (Marsaglia, Tsang &amp; Wang), scaled to stay in range.</summary>
    static double Durbin(long n, double d)
    {
        if (d >= 1.0) return 1.0;
        var nd = n * d;
        if (nd <= 0.5) return 0.0;
        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;
        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        var tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;

        var hm = new double[m, m];
        for (var i = 1; i < m; i++)
            for (var r = i - 1; r < m; r++) hm[r, i] = w[r - (i - 1)];
        for (var r = 0; r < m; r++) hm[r, 0] = v[r];
        for (var c = 0; c < m; c++) hm[m - 1, c] = v[m - 1 - c];

        var power = Identity(m);
        long exponent = 0, hExponent = 0;
        for (var nn = n; nn > 0; nn /= 2)
        {
            if (nn % 2 == 1)
            {
                power = Multiply(power, hm);
                exponent += hExponent;
            }
            hm = Multiply(hm, hm);
            hExponent *= 2;
            if (Math.Abs(hm[k - 1, k - 1]) > Scale)
            {
                Divide(hm, Scale);
                hExponent += 128;
            }
        }
        var p = power[k - 1, k - 1];
        for (long i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < InverseScale)
            {
                p *= Scale;
                exponent -= 128;
            }
        }
        if (exponent != 0) p = Math.ScaleB(p, (int)exponent);
        return Clip(p);
    }

    static double[,] Identity(int m)
    {
        var a = new double[m, m];
        for (var i = 0; i < m; i++) a[i, i] = 1.0;
        return a;
    }

    static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var c = new double[m, m];
        for (var i = 0; i < m; i++)
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0) continue;
                for (var j = 0; j < m; j++) c[i, j] += ail * b[l, j];
            }
        return c;
    }

    static void Divide(double[,] a, double by)
    {
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++) a[i, j] /= by;
    }

    /// <summary>Pr(Dₙ ≤ x) by Pelz–Good's small-z form of the Li-Chien/Korolyuk expansion.</summary>
    static double PelzGood(long n, double x)
    {
        if (x <= 0.0) return 0.0;
        if (x >= 1.0) return 1.0;
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var qlog = -Math.PI * Math.PI / 8 / z2;
        if (qlog < MinLog) return 0.0;
        var q = Math.Exp(qlog);
        double pi2 = Math.PI * Math.PI, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
        double k1a = -z2, k1b = pi2 / 4;
        double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16;
        double k3d = pi6 * (5 - 30 * z2) / 64, k3c = pi4 * (-60 * z2 + 212 * z4) / 16, k3b = pi2 * (135 * z4 - 96 * z6) / 4;
        var k3a = -30 * z6 - 90 * Math.Pow(z, 8);

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            double mm = 2 * k - 1, m2 = mm * mm, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * k);
            s0 = s0 * qpower + 1.0;
            s1 = s1 * qpower + (k1a + k1b * m2);
            s2 = s2 * qpower + (k2a + k2b * m2 + k2c * m4);
            s3 = s3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        s0 = s0 * q * sqrt2Pi / z;
        s1 = s1 * q * sqrt2Pi / (6 * z4);
        s2 = s2 * q * sqrt2Pi / (72 * Math.Pow(z, 7));
        s3 = s3 * q * sqrt2Pi / (6480 * Math.Pow(z, 10));

        q = Math.Exp(-pi2 / 2 / z2);
        double k2extra = 0, k3extra = 0, sqrt3z = Math.Sqrt(3) * z;
        for (var k = maxk; k > 0; k--)
        {
            double ks2 = (double)k * k, qp = Math.Pow(q, ks2), kspi = Math.PI * k;
            k2extra += ks2 * qp;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }
        s2 += k2extra * pi2 * sqrt2Pi / (-36 * z3);
        s3 += k3extra * pi2 * sqrt2Pi / (216 * z6);
        var rootN = Math.Sqrt(n);
        return s0 + s1 / rootN + s2 / n + s3 / (n * rootN);
    }

    /// <summary>Pr(Dₙ ≤ x) by Pomeranz's recursion (rows convolved with Poisson-like weights), scaled to stay in range.</summary>
    static double Pomeranz(long nl, double x)
    {
        var n = (int)nl;
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        double[] gpower = new double[npwrs], twogpower = new double[npwrs], onem2gpower = new double[npwrs];
        gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
        long exponent = 0;
        double gn = g / n, twoGn = 2 * g / n, oneMinusTwoGn = (1 - 2 * g) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gpower[m] = gpower[m - 1] * gn / m;
            twogpower[m] = twogpower[m - 1] * twoGn / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGn / m;
        }
        var v0 = new double[npwrs];
        var v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < 2 * n + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var pwrs = i == 1 || i == 2 * n + 1 ? gpower : i % 2 == 1 ? twogpower : onem2gpower;
            var ln2 = j2 - k1 + 1;
            if (ln2 <= 0) continue;
            // numpy clamps the slices to the rows' length; so do the bounds here.
            int alen = Math.Min(ln2, npwrs - (k1 - v0s)), blen = Math.Min(ln2, npwrs);
            var start = j1 - k1;
            var len = j2 - j1 + 1;
            var max = 0.0;
            for (var o = 0; o < len; o++)
            {
                // Entry (start + o) of the full convolution of V0[k1 - V0s ..][..ln2] with pwrs[..ln2].
                var idx = start + o;
                var sum = 0.0;
                for (var a = Math.Max(0, idx - blen + 1); a <= Math.Min(idx, alen - 1); a++)
                    sum += v0[k1 - v0s + a] * pwrs[idx - a];
                v1[o] = sum;
                if (sum > max) max = sum;
            }
            if (max > 0 && max < InverseScale)
            {
                for (var o = 0; o < v1.Length; o++) v1[o] *= Scale;
                exponent -= 128;
            }
            v1s = v0s + j1 - k1;
        }
        var ans = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(ans) > Scale)
            {
                ans *= InverseScale;
                exponent += 128;
            }
            ans *= m;
        }
        if (exponent != 0) ans = Math.ScaleB(ans, (int)exponent);
        return Clip(ans);
    }

    static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            int half = (i + 1) / 2, odd = (i + 1) % 2;
            if (odd == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }
        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }
}

using System.Text.Json.Nodes;
using Flywheel.Operate.Monitoring.Drift;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>
/// Every drift statistic against scipy on the same fixed vectors (seeded), asked live through scipy_reference.py:
/// exact KS (unequal and equal sizes, ties, identical, disjoint), asymptotic KS on both sides of n = 140, kstwo.sf and
/// smirnov over a grid that reaches each of scipy's branches, Evidently's chi-square, Z, normed Wasserstein,
/// Jensen–Shannon and PSI.
/// </summary>
public class ScipyDriftTests
{
    const double Tolerance = 1e-9;

    static double[] Normal(int seed, int n, double mean = 0, double sd = 1, int decimals = -1)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            values[i] = mean + sd * z;
            if (decimals >= 0) values[i] = Math.Round(values[i], decimals);
        }
        return values;
    }

    static string[] Categories(int seed, int n, params double[] weights)
    {
        var random = new Random(seed);
        var labels = new string[n];
        var total = weights.Sum();
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble() * total;
            var k = 0;
            while (k < weights.Length - 1 && u >= weights[k]) u -= weights[k++];
            labels[i] = ((char)('a' + k)).ToString();
        }
        return labels;
    }

    static readonly (string Name, double[] A, double[] B)[] KsCases =
    [
        ("small_unequal", [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56], [0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37]),
        ("equal_sizes", Normal(1, 50), Normal(2, 50, 0.5)),
        ("ties", Normal(3, 40, 0, 1, 0), Normal(4, 60, 0.3, 1, 0)),
        ("identical", Normal(5, 30), Normal(5, 30)),
        ("disjoint", Normal(6, 25), Normal(7, 35, 100)),
        ("medium", Normal(8, 1000), Normal(9, 3000, 0.05)),
        ("medium_drifted", Normal(10, 900), Normal(11, 2500, 0.3, 1.2)),
        ("exact_limit", Normal(12, 10_000), Normal(13, 9_999, 0.02)),
        ("asymp_large_n", Normal(14, 1000), Normal(15, 12_000, 0.04)),
        ("asymp_drifted", Normal(16, 1000), Normal(17, 20_000, 0.3)),
        ("asymp_small_n", Normal(18, 60), Normal(19, 20_000, 0.2)),
        ("asymp_small_n_far", Normal(20, 60), Normal(21, 20_000, 0.8)),
        ("asymp_tiny_shift", Normal(22, 900), Normal(23, 15_000, 0.01)),
    ];

    [ScipyFact]
    public void Kolmogorov_smirnov_equals_scipy_ks_2samp()
    {
        Assert.Null(ScipyReference.Unavailable);
        var cases = new JsonArray();
        foreach (var (name, a, b) in KsCases)
            cases.Add(new JsonObject { ["name"] = name, ["test"] = "ks", ["a"] = ScipyReference.Numbers(a), ["b"] = ScipyReference.Numbers(b) });
        var scipy = ScipyReference.Ask(cases);
        foreach (var (name, a, b) in KsCases)
        {
            var ours = DriftStatistics.KolmogorovSmirnov(a, b);
            var (statistic, pValue) = scipy[name];
            AssertClose(name + " statistic", statistic!.Value, ours.Statistic);
            AssertClose(name + " p-value", pValue!.GetValue<double>(), ours.PValue!.Value);
        }
        Assert.Equal(1.0, DriftStatistics.KolmogorovSmirnov(KsCases[3].A, KsCases[3].B).PValue);
        Assert.Equal(1.0, DriftStatistics.KolmogorovSmirnov(KsCases[4].A, KsCases[4].B).Statistic);
    }

    [ScipyFact]
    public void Kolmogorov_distribution_equals_scipy_kstwo_sf_and_smirnov_on_every_branch()
    {
        Assert.Null(ScipyReference.Unavailable);
        // (n, x) reaching: Ruben–Gambino both ends, x ≥ 0.5, Durbin and Pomeranz (n ≤ 140), 2·smirnov, Durbin and
        // Pelz–Good (n > 140), the zero tail; smirnov on both sides of its n = 1013 switch.
        long[] n = [10, 10, 10, 50, 50, 50, 100, 140, 141, 500, 1000, 1000, 1000, 5000, 90_000, 150_000, 150_000, 1000];
        double[] x = [0.07, 0.95, 0.6, 0.08, 0.2, 0.4, 0.15, 0.05, 0.01, 0.03, 0.01, 0.05, 0.07, 0.004, 0.002, 0.0025, 0.001, 0.7];
        long[] sn = [5, 100, 1012, 1013, 5000, 20_000];
        double[] sx = [0.3, 0.1, 0.05, 0.05, 0.02, 0.012];
        var cases = new JsonArray
        {
            new JsonObject { ["name"] = "kstwo", ["test"] = "kstwo", ["n"] = ScipyReference.Numbers(n.Select(v => (double)v)), ["x"] = ScipyReference.Numbers(x) },
            new JsonObject { ["name"] = "smirnov", ["test"] = "smirnov", ["n"] = ScipyReference.Numbers(sn.Select(v => (double)v)), ["x"] = ScipyReference.Numbers(sx) },
        };
        var scipy = ScipyReference.Ask(cases);
        var kstwo = scipy["kstwo"].PValue!.AsArray();
        for (var i = 0; i < n.Length; i++)
            AssertClose($"kstwo.sf({x[i]}, {n[i]})", kstwo[i]!.GetValue<double>(), KolmogorovDistribution.Survival(n[i], x[i]));
        var smirnov = scipy["smirnov"].PValue!.AsArray();
        for (var i = 0; i < sn.Length; i++)
            AssertClose($"smirnov({sn[i]}, {sx[i]})", smirnov[i]!.GetValue<double>(), KolmogorovDistribution.Smirnov(sn[i], sx[i]));
    }

    [ScipyFact]
    public void Evidently_tests_equal_their_scipy_formulas()
    {
        Assert.Null(ScipyReference.Unavailable);
        var refCat = Categories(30, 800, 5, 3, 2);
        var curCat = Categories(31, 1200, 4, 3, 3);
        var newCat = Categories(32, 500, 4, 3, 2, 1);
        var refTwo = Categories(33, 700, 7, 3);
        var curTwo = Categories(34, 900, 6, 4);
        var refNum = Normal(35, 5000, 10, 2);
        var curNum = Normal(36, 20_000, 10.5, 2.5);
        var refFew = Normal(37, 3000, 2, 1, 0).Select(v => Math.Clamp(v, 0, 4)).ToArray();
        var curFew = Normal(38, 4000, 2.4, 1, 0).Select(v => Math.Clamp(v, 0, 5)).ToArray();

        var cases = new JsonArray
        {
            Case("chisquare", "chisquare", ScipyReference.Labels(refCat), ScipyReference.Labels(curCat)),
            Case("z", "z", ScipyReference.Labels(refTwo), ScipyReference.Labels(curTwo)),
            Case("wasserstein", "wasserstein", ScipyReference.Numbers(refNum), ScipyReference.Numbers(curNum)),
            Case("wasserstein_normed", "wasserstein_normed", ScipyReference.Numbers(refNum), ScipyReference.Numbers(curNum)),
            Case("js_categorical", "jensenshannon", ScipyReference.Labels(refCat), ScipyReference.Labels(newCat), numeric: false),
            Case("js_few_values", "jensenshannon", ScipyReference.Numbers(refFew), ScipyReference.Numbers(curFew), numeric: true),
            Case("psi_numeric", "psi", ScipyReference.Numbers(refNum), ScipyReference.Numbers(curNum), numeric: true),
            Case("psi_few_values", "psi", ScipyReference.Numbers(refFew), ScipyReference.Numbers(curFew), numeric: true),
            Case("psi_categorical", "psi", ScipyReference.Labels(refCat), ScipyReference.Labels(newCat), numeric: false),
        };
        var scipy = ScipyReference.Ask(cases);
        var settings = new DriftSettings();

        var chi = DriftDetector.Compare("c", "categorical", new ColumnSample.Categorical(refCat), new ColumnSample.Categorical(curCat), settings);
        Assert.Equal("chisquare", chi.Method);
        AssertClose("chisquare statistic", scipy["chisquare"].Statistic!.Value, chi.Statistic);
        AssertClose("chisquare p-value", scipy["chisquare"].PValue!.GetValue<double>(), chi.PValue!.Value);

        var z = DriftDetector.Compare("z", "categorical", new ColumnSample.Categorical(refTwo), new ColumnSample.Categorical(curTwo), settings);
        Assert.Equal("z", z.Method);
        AssertClose("z statistic", scipy["z"].Statistic!.Value, z.Statistic);
        AssertClose("z p-value", scipy["z"].PValue!.GetValue<double>(), z.PValue!.Value);

        AssertClose("wasserstein", scipy["wasserstein"].Statistic!.Value, DriftStatistics.Wasserstein(refNum, curNum));
        var wasserstein = DriftDetector.Compare("w", "numeric", new ColumnSample.Numeric(refNum), new ColumnSample.Numeric(curNum), settings);
        Assert.Equal("wasserstein", wasserstein.Method);
        Assert.Null(wasserstein.PValue);
        AssertClose("wasserstein normed", scipy["wasserstein_normed"].Statistic!.Value, wasserstein.Statistic);
        AssertClose("psi numeric", scipy["psi_numeric"].Statistic!.Value, wasserstein.Psi);

        var js = DriftDetector.Compare("j", "categorical", new ColumnSample.Categorical(refCat), new ColumnSample.Categorical(newCat),
            settings with { });
        var jsLarge = DriftDetector.Compare("j", "categorical", new ColumnSample.Categorical([.. refCat, .. refCat]), new ColumnSample.Categorical(newCat), settings);
        Assert.Equal("chisquare", js.Method);
        Assert.Equal("jensenshannon", jsLarge.Method);
        AssertClose("js categorical (doubled reference: same shares)", scipy["js_categorical"].Statistic!.Value, jsLarge.Statistic);
        AssertClose("psi categorical", scipy["psi_categorical"].Statistic!.Value, js.Psi);

        var few = DriftDetector.Compare("f", "numeric", new ColumnSample.Numeric(refFew), new ColumnSample.Numeric(curFew), settings);
        Assert.Equal("jensenshannon", few.Method);
        AssertClose("js few values", scipy["js_few_values"].Statistic!.Value, few.Statistic);
        AssertClose("psi few values", scipy["psi_few_values"].Statistic!.Value, few.Psi);
    }

    static JsonObject Case(string name, string test, JsonArray a, JsonArray b, bool numeric = false) =>
        new() { ["name"] = name, ["test"] = test, ["a"] = a, ["b"] = b, ["numeric"] = numeric };

    /// <summary>Relative 1e-9 (so a p-value of 1e-20 is checked to its own digits), with 1e-15 of slack at zero.</summary>
    static void AssertClose(string what, double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Abs(expected) + 1e-15, $"{what}: scipy {expected:R}, ours {actual:R}");
}

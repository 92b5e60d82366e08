using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Drift;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>Evidently's method choice, and values pinned by hand so the drift code is checked without Python too.</summary>
public class DriftDetectorTests
{
    static readonly DriftSettings Defaults = new();

    static ColumnSample.Numeric Numbers(int rows, int unique) =>
        new([.. Enumerable.Range(0, rows).Select(i => (double)(i % unique))]);

    static ColumnSample.Categorical Labels(int rows, int unique) =>
        new([.. Enumerable.Range(0, rows).Select(i => "v" + (i % unique))]);

    static ColumnSample.Categorical Counts(params (string Label, int Count)[] counts) =>
        new([.. counts.SelectMany(c => Enumerable.Repeat(c.Label, c.Count))]);

    [Theory]
    [InlineData("numeric", 1000, 6, "ks")]
    [InlineData("numeric", 1000, 5, "chisquare")]
    [InlineData("numeric", 1000, 3, "chisquare")]
    [InlineData("numeric", 1000, 2, "z")]
    [InlineData("categorical", 1000, 6, "chisquare")]
    [InlineData("categorical", 1000, 3, "chisquare")]
    [InlineData("categorical", 1000, 2, "z")]
    [InlineData("numeric", 1001, 6, "wasserstein")]
    [InlineData("numeric", 1001, 5, "jensenshannon")]
    [InlineData("numeric", 1001, 2, "jensenshannon")]
    [InlineData("categorical", 1001, 6, "jensenshannon")]
    [InlineData("categorical", 1001, 3, "jensenshannon")]
    [InlineData("categorical", 1001, 2, "jensenshannon")]
    public void Evidently_chooses_the_method_by_type_reference_size_and_unique_values(string type, int rows, int unique, string method)
    {
        ColumnSample reference = type == "numeric" ? Numbers(rows, unique) : Labels(rows, unique);
        Assert.Equal(method, DriftDetector.ChooseMethod(reference));
        Assert.Equal(method, DriftDetector.Compare("f", type, reference, reference, Defaults).Method);
    }

    [Fact]
    public void Missing_values_do_not_count_toward_the_reference_size()
    {
        var values = Numbers(1000, 6).Values.Append(double.NaN).ToArray();
        Assert.Equal("ks", DriftDetector.ChooseMethod(new ColumnSample.Numeric(values)));
        var labels = Labels(1000, 6).Values.Append(null).ToArray();
        Assert.Equal("chisquare", DriftDetector.ChooseMethod(new ColumnSample.Categorical(labels)));
    }

    [Fact]
    public void Chi_square_on_three_categories_equals_the_hand_computation()
    {
        // Reference a 50, b 30, c 20; window a 30, b 30, c 40 (100 rows): expected = 50, 30, 20.
        // χ² = 20²/50 + 0²/30 + 20²/20 = 8 + 20 = 28; 2 degrees of freedom: p = e^(−28/2).
        var drift = DriftDetector.Compare("plan", "categorical", Counts(("a", 50), ("b", 30), ("c", 20)), Counts(("a", 30), ("b", 30), ("c", 40)), Defaults);
        Assert.Equal("chisquare", drift.Method);
        Assert.Equal(28.0, drift.Statistic, 1e-12);
        Assert.Equal(Math.Exp(-14), drift.PValue!.Value, 1e-20);
        Assert.True(drift.Drifted);
        Assert.Equal(100, drift.ReferenceRows);
        // PSI on the same table: shares .5/.3/.2 vs .3/.3/.4 → .2·ln(5/3) + 0 + (−.2)·ln(1/2).
        Assert.Equal(0.2 * Math.Log(5.0 / 3) - 0.2 * Math.Log(0.5), drift.Psi, 1e-12);
    }

    [Fact]
    public void Psi_fills_an_empty_bin_with_a_ten_thousandth()
    {
        // Reference a 5, b 5; window a 10, b 0 → window shares (1, 0.0001 filled).
        // PSI = (0.5 − 1)·ln(0.5/1) + (0.5 − 0.0001)·ln(0.5/0.0001)
        var drift = DriftDetector.Compare("f", "categorical", Counts(("a", 5), ("b", 5)), Counts(("a", 10)), Defaults);
        Assert.Equal(-0.5 * Math.Log(0.5) + 0.4999 * Math.Log(5000), drift.Psi, 1e-12);
        Assert.Equal("z", drift.Method);
    }

    [Fact]
    public void Exact_ks_and_wasserstein_and_linf_equal_their_formulas()
    {
        // Disjoint samples of 3: D = 1, exact p = 2/binom(6, 3) = 1/10.
        var ks = DriftStatistics.KolmogorovSmirnov([1, 2, 3], [4, 5, 6]);
        Assert.Equal(1.0, ks.Statistic);
        Assert.Equal(0.1, ks.PValue!.Value, 1e-15);
        // A shift by 5 moves every unit of mass 5.
        Assert.Equal(5.0, DriftStatistics.Wasserstein([0, 1, 3], [5, 6, 8]), 1e-12);

        // L∞: 2,000 reference rows 0..1999, 1,000 window rows 500..1499 → max CDF gap 0.25 at 499 and 1499.
        var reference = new ColumnSample.Numeric([.. Enumerable.Range(0, 2000).Select(i => (double)i)]);
        var window = new ColumnSample.Numeric([.. Enumerable.Range(500, 1000).Select(i => (double)i)]);
        var simple = DriftDetector.Compare("f", "numeric", reference, window, Defaults with { Distance = "linf", LinfMethod = "simple" });
        Assert.Equal(("linf", 0.25, true), (simple.Method, simple.Statistic, simple.Drifted));
        Assert.Null(simple.PValue);
        var robust = DriftDetector.Compare("f", "numeric", reference, window, Defaults with { Distance = "linf" });
        Assert.Equal(0.25 - 1.8 * Math.Sqrt(3000.0 / 2_000_000), robust.Statistic, 1e-12);
        // Categorical L∞: the largest share difference (.5 − .3 for a).
        var categorical = DriftDetector.Compare("f", "categorical", Counts(("a", 50), ("b", 30), ("c", 20)), Counts(("a", 30), ("b", 30), ("c", 40)), Defaults with { Distance = "linf" });
        Assert.Equal(0.2, categorical.Statistic, 1e-12);
        Assert.True(categorical.Drifted);
    }

    [Fact]
    public void An_empty_window_is_not_drifted_and_writes_no_nan()
    {
        var drift = DriftDetector.Compare("f", "numeric", Numbers(50, 10), new ColumnSample.Numeric([double.NaN, double.NaN]), Defaults);
        Assert.Equal(("empty", 0.0, false, 0L), (drift.Method, drift.Statistic, drift.Drifted, drift.CurrentRows));
        Assert.Null(drift.PValue);
    }

    [Fact]
    public void A_category_the_reference_never_had_makes_chi_square_drift_with_a_finite_statistic()
    {
        var drift = DriftDetector.Compare("f", "categorical", Counts(("a", 5), ("b", 3), ("c", 2)), Counts(("a", 5), ("d", 5)), Defaults);
        Assert.Equal(double.MaxValue, drift.Statistic);
        Assert.Equal(0.0, drift.PValue);
        Assert.True(drift.Drifted);
    }

    [Fact]
    public void A_numeric_window_compared_with_a_categorical_reference_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DriftDetector.Compare("f", "numeric", Numbers(10, 5), Labels(10, 5), Defaults));
    }

    [Fact]
    public void Dataset_drift_is_the_share_of_drifted_features_without_the_prediction()
    {
        FeatureDrift Column(string name, string kind, bool drifted) => new(name, kind, "ks", 0.5, 0.01, 0.05, drifted, 0, 10, 10);
        var columns = new[] { Column("a", "numeric", true), Column("b", "numeric", true), Column("c", "categorical", false), Column("d", "numeric", false), Column("p", "prediction", true) };
        var dataset = DriftDetector.Dataset(columns, Defaults);
        Assert.Equal((0.5, true, 2, 4), (dataset.Share, dataset.Drifted, dataset.DriftedColumns, dataset.Columns));
        Assert.False(DriftDetector.Dataset(columns, Defaults with { DriftShare = 0.6 }).Drifted);
        Assert.Equal((0.0, false), (DriftDetector.Dataset([], Defaults).Share, DriftDetector.Dataset([], Defaults).Drifted));
    }

    [Fact]
    public void The_distribution_uses_psi_bins_with_readable_labels()
    {
        // 0..99 (100 unique values > 20): Sturges over 200 values → ⌈log₂200 + 1⌉ = 9 equal bins on [0, 149].
        var reference = new ColumnSample.Numeric([.. Enumerable.Range(0, 100).Select(i => (double)i)]);
        var window = new ColumnSample.Numeric([.. Enumerable.Range(50, 100).Select(i => (double)i)]);
        var distribution = DriftDetector.Distribution("f", "numeric", reference, window);
        Assert.Equal(9, distribution.Bins.Count);
        Assert.Equal("[0, 16.56)", distribution.Bins[0]);
        Assert.EndsWith(", 149]", distribution.Bins[^1]);
        Assert.Equal(1.0, distribution.Reference.Sum(), 1e-12);
        Assert.Equal(1.0, distribution.Current.Sum(), 1e-12);
        Assert.Equal(0.0, distribution.Current[0]);

        var categorical = DriftDetector.Distribution("g", "categorical", Counts(("a", 3), ("b", 1)), Counts(("b", 2), ("c", 2)));
        Assert.Equal(["a", "b", "c"], categorical.Bins);
        Assert.Equal([0.75, 0.25, 0.0], categorical.Reference);
        Assert.Equal([0.0, 0.5, 0.5], categorical.Current);
    }
}

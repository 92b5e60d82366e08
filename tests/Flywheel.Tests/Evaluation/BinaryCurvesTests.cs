using Flywheel.Evaluation.Curves;
using Flywheel.Evaluation.Metrics;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class BinaryCurvesTests
{
    [Fact]
    public void Roc_matches_roc_curve_without_dropping_points()
    {
        var roc = BinaryCurves.Roc(Tied());
        Near([0.0, 0.0, 1 / 6.0, 1 / 6.0, 2 / 6.0, 0.5, 4 / 6.0, 4 / 6.0, 5 / 6.0, 1.0, 1.0], roc.X);
        Near([0.0, 1 / 6.0, 2 / 6.0, 0.5, 0.5, 0.5, 4 / 6.0, 5 / 6.0, 5 / 6.0, 5 / 6.0, 1.0], roc.Y);
        // sklearn 1.2 writes max + 1 (1.9) for the first threshold; since 1.3 it is +∞, which we follow.
        Near([double.PositiveInfinity, 0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.4, 0.3, 0.2, 0.1], roc.Thresholds!);
    }

    [Fact]
    public void Precision_recall_matches_precision_recall_curve()
    {
        var pr = BinaryCurves.PrecisionRecall(Tied());
        Near([0.5, 0.45454545454545453, 0.5, 0.5555555555555556, 0.5, 0.5, 0.6, 0.75, 0.6666666666666666, 1.0, 1.0], pr.Y);
        Near([1.0, 0.8333333333333334, 0.8333333333333334, 0.8333333333333334, 0.6666666666666666, 0.5, 0.5, 0.5, 0.3333333333333333, 0.16666666666666666, 0.0], pr.X);
        Near([0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9], pr.Thresholds!);
    }

    [Fact]
    public void Calibration_matches_calibration_curve()
    {
        var five = BinaryCurves.Calibration(Tied(), bins: 5);
        Near([0.15000000000000002, 0.35, 0.5375, 0.7666666666666666, 0.9], five.X);
        Near([0.5, 0.5, 0.25, 0.6666666666666666, 1.0], five.Y);
        Assert.Equal(new long[] { 2, 2, 4, 3, 1 }, five.Counts);

        var ten = BinaryCurves.Calibration(Tied(), bins: 10);
        Near([0.1, 0.2, 0.3, 0.4, 0.5, 0.575, 0.7, 0.8, 0.9], ten.X);
        Near([1.0, 0.0, 0.0, 1.0, 0.5, 0.0, 1.0, 0.5, 1.0], ten.Y);
    }

    [Fact]
    public void Calibration_puts_a_score_on_an_edge_in_the_lower_bin_as_numpy_searchsorted()
    {
        // Edges of 5 bins are 0.2, 0.4, 0.6000000000000001, 0.8 (numpy linspace): 0.2 → bin 0, 0.6 → bin 2.
        var curve = BinaryCurves.Calibration(new BinaryPredictions([false, true, true, false, true], [0.0, 0.2, 0.4, 0.6, 1.0]), bins: 5);
        Near([0.1, 0.4, 0.6, 1.0], curve.X);
        Near([0.5, 1.0, 0.0, 1.0], curve.Y);
    }

    [Fact]
    public void Calibration_refuses_scores_that_are_not_probabilities()
    {
        Assert.Throws<ArgumentException>(() => BinaryCurves.Calibration(new BinaryPredictions([true, false], [1.5, 0.2])));
    }

    [Fact]
    public void Lift_table_by_quarter_computed_by_hand()
    {
        // Sorted by score (ties in row order): 1 0 1 | 1 0 0 | 1 0 1 | 0 0 1; 6 positives of 12, base rate 0.5.
        var table = BinaryCurves.LiftTable(Tied(), groups: 4);
        Assert.Equal(new long[] { 2, 1, 2, 1 }, table.Select(r => r.Positives));
        Near([4 / 3.0, 2 / 3.0, 4 / 3.0, 2 / 3.0], table.Select(r => r.Lift).ToArray());
        Near([1 / 3.0, 0.5, 5 / 6.0, 1.0], table.Select(r => r.Gain).ToArray());
        Near([4 / 3.0, 1.0, 10 / 9.0, 1.0], table.Select(r => r.CumulativeLift).ToArray());
        Near([0.8, 0.55, 0.4, 0.1], table.Select(r => r.MinScore).ToArray());
    }

    [Fact]
    public void Deciles_of_an_uneven_count_split_at_floor_boundaries()
    {
        var p = new BinaryPredictions(Enumerable.Range(0, 25).Select(i => i % 2 == 0).ToArray(), Enumerable.Range(0, 25).Select(i => 1 - i / 25.0).ToArray());
        Assert.Equal(new long[] { 2, 3, 2, 3, 2, 3, 2, 3, 2, 3 }, BinaryCurves.LiftTable(p).Select(r => r.Rows));
    }

    [Fact]
    public void Gain_curve_ends_with_every_positive_captured()
    {
        var gain = BinaryCurves.Gain(Tied());
        Assert.Equal(13, gain.X.Count);
        Near(0, gain.Y[0]);
        Near(1 / 6.0, gain.Y[1]);
        Near(1, gain.Y[^1]);
        Near(1, gain.X[^1]);
    }
}

public class CurveThinningTests
{
    [Fact]
    public void Thinning_keeps_the_ends_and_even_steps()
    {
        var curve = new Flywheel.Evaluation.Results.Curve("c", "x", "y",
            Enumerable.Range(0, 11).Select(i => (double)i).ToArray(), Enumerable.Range(0, 11).Select(i => i * 2.0).ToArray(),
            Thresholds: Enumerable.Range(0, 10).Select(i => i / 10.0).ToArray());
        var thin = curve.Thinned(3);
        Assert.Equal(new[] { 0.0, 5.0, 10.0 }, thin.X);
        Assert.Equal(new[] { 0.0, 10.0, 20.0 }, thin.Y);
        Assert.Equal(new[] { 0.0, 0.5 }, thin.Thresholds);   // the last point has no threshold, as in precision–recall
        Assert.Same(curve, curve.Thinned(11));
    }

    [Fact]
    public void Report_curves_are_bounded_in_size()
    {
        var rng = new Random(5);
        var labels = Enumerable.Range(0, 5000).Select(_ => rng.NextDouble() < 0.3).ToArray();
        var scores = labels.Select(_ => rng.NextDouble()).ToArray();
        var report = Flywheel.Evaluation.Evaluator.Binary(new Flywheel.Evaluation.Metrics.BinaryPredictions(labels, scores));
        Assert.All(report.Curves!, c => Assert.True(c.X.Count <= Flywheel.Evaluation.Evaluator.MaxCurvePoints));
        var roc = report.Curves!.Single(c => c.Name == "roc");
        Assert.Equal((0.0, 0.0), (roc.X[0], roc.Y[0]));
        Assert.Equal((1.0, 1.0), (roc.X[^1], roc.Y[^1]));
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;

namespace Flywheel.Tests.Evaluation;

/// <summary>Properties over random labelled scores with many ties (scores drawn from eleven values).</summary>
public class PropertyTests
{
    /// <summary>Rows of (label, score) with scores on a coarse grid so that ties are common.</summary>
    public sealed record Rows(bool[] Labels, double[] Scores);

    public static class Arbitraries
    {
        public static Arbitrary<Rows> Rows() =>
            Gen.Choose(0, 10).Select(s => s / 10.0).Zip(Gen.Elements(true, false))
                .NonEmptyListOf()
                .Select(list => new Rows(list.Select(r => r.Item2).ToArray(), list.Select(r => r.Item1).ToArray()))
                .ToArbitrary();
    }

    private static readonly BinaryOutcomeValues Offer = new(1000, -300, -200, 0, "JPY");

    /// <summary>AUC by average ranks: (Σ ranks of positives − n₁(n₁+1)/2) / (n₁·n₀), an independent formula.</summary>
    private static double MannWhitney(Rows rows)
    {
        var order = Enumerable.Range(0, rows.Scores.Length).OrderBy(i => rows.Scores[i]).ToArray();
        var ranks = new double[order.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && rows.Scores[order[end + 1]] == rows.Scores[order[start]]) end++;
            for (var k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        double positives = rows.Labels.Count(l => l), negatives = rows.Labels.Length - positives;
        var rankSum = Enumerable.Range(0, ranks.Length).Where(i => rows.Labels[i]).Sum(i => ranks[i]);
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Auc_equals_the_average_rank_statistic(Rows rows)
    {
        var auc = BinaryMetrics.Auc(new BinaryPredictions(rows.Labels, rows.Scores));
        var bothClasses = rows.Labels.Contains(true) && rows.Labels.Contains(false);
        return bothClasses ? Math.Abs(auc - MannWhitney(rows)) < 1e-12 : double.IsNaN(auc);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Rates_and_average_precision_lie_in_the_unit_interval(Rows rows)
    {
        var p = new BinaryPredictions(rows.Labels, rows.Scores);
        var values = new[] { BinaryMetrics.Precision(p), BinaryMetrics.Recall(p), BinaryMetrics.F1(p), BinaryMetrics.BalancedAccuracy(p), BinaryMetrics.AveragePrecision(p) };
        return values.All(v => double.IsNaN(v) || v is >= 0 and <= 1 + 1e-12);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Prior_shift_at_the_rows_own_base_rate_is_the_plain_average(Rows rows)
    {
        var counts = BinaryConfusion.Count(rows.Labels, rows.Scores, 0.5);
        var ownRate = (double)counts.Positives / counts.Total;
        return Math.Abs(Offer.ValuePerItem(counts, ownRate) - Offer.ValuePerItem(counts)) < 1e-9;
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool The_optimized_threshold_beats_every_fixed_one_and_review_never_lowers_the_value(Rows rows)
    {
        var plain = DecisionPolicy.Optimize(rows.Labels, rows.Scores, Offer);
        var reviewed = DecisionPolicy.Optimize(rows.Labels, rows.Scores, Offer, new DecisionOptions(Review: new ReviewOptions(100, 3)));
        var best = plain.ValidationValuePerItem!.Value;
        var fixedOnes = Enumerable.Range(0, 23).Select(k => k / 20.0 - 0.025)
            .Select(t => DecisionPolicy.Fixed(t, Offer).Evaluate(rows.Labels, rows.Scores).ValuePerItem);
        return fixedOnes.All(v => v <= best + 1e-9)
            && Math.Abs(plain.Evaluate(rows.Labels, rows.Scores).ValuePerItem - best) < 1e-9
            && reviewed.ValidationValuePerItem >= best - 1e-9;
    }
}

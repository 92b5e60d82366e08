using Flywheel.Evaluation.Fairness;
using Flywheel.Evaluation.Metrics;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class GroupMetricsTests
{
    [Fact]
    public void Gaps_between_groups_computed_by_hand()
    {
        // Group a (rows 0-5): labels 1 0 1 1 0 0, scores .9 .8 .8 .7 .6 .55 → all six predicted positive at 0.5.
        // Group b (rows 6-11): labels 1 0 1 0 0 1, scores .5 .5 .4 .3 .2 .1 → two predicted positive (.5, .5).
        var groups = new[] { "a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b" };
        var comparison = GroupMetrics.Binary(Tied(), groups);
        var (a, b) = (comparison.Groups[0], comparison.Groups[1]);
        Near(1.0, a.SelectionRate);
        Near(2 / 6.0, b.SelectionRate);
        Near(1.0, a.TruePositiveRate);  // 3 of 3
        Near(1 / 3.0, b.TruePositiveRate); // 1 of 3
        Near(1.0, a.FalsePositiveRate);    // 3 of 3
        Near(1 / 3.0, b.FalsePositiveRate);
        Near(0.5, a.Precision);
        Near(4 / 6.0, comparison.DemographicParityDifference);
        Near(1 / 3.0, comparison.DemographicParityRatio);
        Near(2 / 3.0, comparison.EqualizedOddsDifference);
    }

    [Fact]
    public void A_group_without_positives_has_no_true_positive_rate_and_no_auc()
    {
        var p = new BinaryPredictions([false, false, true, false], [0.7, 0.2, 0.9, 0.1]);
        var comparison = GroupMetrics.Binary(p, ["x", "x", "y", "y"]);
        Assert.Null(comparison.Groups[0].TruePositiveRate);
        Assert.Null(comparison.Groups[0].Auc);
        Near(0.5, comparison.Groups[0].FalsePositiveRate);
        Near(0.5, comparison.EqualizedOddsDifference); // only FPR is defined for both: 0.5 vs 0
    }

    [Fact]
    public void Group_values_must_pair_with_rows()
    {
        Assert.Throws<ArgumentException>(() => GroupMetrics.Binary(Tied(), ["a"]));
    }
}

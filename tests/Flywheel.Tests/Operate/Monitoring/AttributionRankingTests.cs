using Flywheel.Operate.Monitoring.Attribution;

namespace Flywheel.Tests.Operate.Monitoring;

public class AttributionRankingTests
{
    static readonly Dictionary<string, double> Baseline = new() { ["a"] = 0.5, ["b"] = 0.3, ["c"] = 0.2 };

    [Fact]
    public void The_same_ranking_scores_one()
    {
        Assert.Equal(1.0, AttributionRanking.Ndcg(Baseline, Baseline), 1e-12);
        // Other magnitudes, same order: still 1.
        Assert.Equal(1.0, AttributionRanking.Ndcg(Baseline, new Dictionary<string, double> { ["a"] = 9, ["b"] = 2, ["c"] = -1 }), 1e-12);
    }

    [Fact]
    public void Swapping_the_top_two_scores_the_hand_computed_value()
    {
        var current = new Dictionary<string, double> { ["a"] = 0.3, ["b"] = 0.5, ["c"] = 0.2 };
        // Ranking b, a, c scored by the baseline: DCG = 0.3/1 + 0.5/log₂3 + 0.2/2; iDCG = 0.5/1 + 0.3/log₂3 + 0.2/2.
        var expected = (0.3 + 0.5 / Math.Log2(3) + 0.1) / (0.5 + 0.3 / Math.Log2(3) + 0.1);
        Assert.Equal(expected, AttributionRanking.Ndcg(Baseline, current), 1e-12);
        Assert.Equal(0.906479, expected, 1e-6);
    }

    [Fact]
    public void A_feature_missing_in_the_window_counts_as_zero_attribution()
    {
        var current = new Dictionary<string, double> { ["b"] = 0.5, ["c"] = 0.2 };
        // Ranking b, c, a: DCG = 0.3/1 + 0.2/log₂3 + 0.5/2.
        var expected = (0.3 + 0.2 / Math.Log2(3) + 0.25) / (0.5 + 0.3 / Math.Log2(3) + 0.1);
        Assert.Equal(expected, AttributionRanking.Ndcg(Baseline, current), 1e-12);
        Assert.True(expected < 0.90);
    }
}

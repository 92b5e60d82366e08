using Flywheel.Data.Profiling;

namespace Flywheel.Tests.Data.Profiling;

public class StatisticsTests
{
    [Fact]
    public void Cramers_v_bias_corrected_by_hand()
    {
        // expected counts 16, 24, 24, 36; χ² = 196/16 + 2·196/24 + 196/36
        var chiSquared = 196.0 / 16 + 2 * 196.0 / 24 + 196.0 / 36;
        var expected = Math.Sqrt((chiSquared / 100 - 1.0 / 99) / (2 - 1.0 / 99 - 1));
        Assert.Equal(expected, Statistics.CramersV(new long[,] { { 30, 10 }, { 10, 50 } }), 12);
    }

    [Fact]
    public void Cramers_v_is_zero_for_independence_and_one_level()
    {
        Assert.Equal(0, Statistics.CramersV(new long[,] { { 10, 20 }, { 30, 60 } }), 12);
        Assert.Equal(0, Statistics.CramersV(new long[,] { { 10, 20 } }), 12);
    }

    [Fact]
    public void Cramers_v_of_a_perfect_diagonal_is_one()
    {
        Assert.Equal(1, Statistics.CramersV(new long[,] { { 50, 0, 0 }, { 0, 50, 0 }, { 0, 0, 50 } }), 12);
    }

    [Fact]
    public void Correlation_ratio_by_hand()
    {
        // A = 1,2,3 and B = 4,5,6: SS_between = 13.5, SS_total = 17.5
        var groups = new[] { new Statistics.GroupMoments(3, 2, 2.0 / 3), new Statistics.GroupMoments(3, 5, 2.0 / 3) };
        Assert.Equal(Math.Sqrt(13.5 / 17.5), Statistics.CorrelationRatio(groups), 12);
    }

    [Fact]
    public void Auc_with_ties_by_hand()
    {
        // x = 1, 2, 2, 3 with labels 0, 1, 0, 1: positives' average ranks 2.5 and 4
        Assert.Equal(0.875, Statistics.AucFromRankSum(6.5, 2, 2), 12);
        Assert.Equal(0.5, Statistics.AucFromRankSum(3, 2, 0), 12);
    }
}

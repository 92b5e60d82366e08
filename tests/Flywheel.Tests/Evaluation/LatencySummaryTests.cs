using Flywheel.Evaluation;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class LatencySummaryTests
{
    [Fact]
    public void Percentiles_interpolate_linearly_as_numpy()
    {
        // sorted 1 2 3 5 7 8 9: p50 at h = 3 → 5; p99 at h = 5.94 → 8 + 0.94·(9 − 8) = 8.94 (numpy.percentile).
        var summary = LatencySummary.OfMilliseconds([5, 1, 3, 9, 7, 2, 8]);
        Near(5, summary.P50Milliseconds);
        Near(8.94, summary.P99Milliseconds);
        Near(5, summary.MeanMilliseconds);
        Near(9, summary.MaxMilliseconds);
        Near(99.01, LatencySummary.Percentile(Enumerable.Range(1, 100).Select(i => (double)i).ToArray(), 0.99));
    }

    [Fact]
    public void Durations_as_time_spans()
    {
        var summary = LatencySummary.Of([TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(4)]);
        Near(3, summary.P50Milliseconds);
        Assert.Equal(2, summary.Count);
    }

    [Fact]
    public void No_durations_or_negative_ones_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LatencySummary.OfMilliseconds([]));
        Assert.Throws<ArgumentException>(() => LatencySummary.OfMilliseconds([1, -2]));
    }
}

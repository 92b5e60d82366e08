using Flywheel.Operate.Review;

namespace Flywheel.Tests.Operate.Review;

public sealed class ReviewSamplingTests
{
    [Fact]
    public void A_share_of_0_2_over_1000_automatic_rows_samples_about_200_and_the_same_ones_every_time()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"{Guid.NewGuid()}").ToList();
        var first = ids.Where(id => CapturedRows.Draw(id, 0) < 0.2).ToList();
        var again = ids.Where(id => CapturedRows.Draw(id, 0) < 0.2).ToList();
        Assert.Equal(first, again);
        // Binomial(1000, 0.2): sd ≈ 12.6, so 200 ± 5 sd.
        Assert.InRange(first.Count, 137, 263);
        Assert.All(ids.Take(50), id => Assert.InRange(CapturedRows.Draw(id, 0), 0.0, 0.9999999999));
        // Another row of the same request is another draw.
        Assert.NotEqual(ids.Select(id => CapturedRows.Draw(id, 0) < 0.2), ids.Select(id => CapturedRows.Draw(id, 1) < 0.2));
    }

    [Fact]
    public void Fixed_ids_draw_fixed_numbers()
    {
        var sampled = Enumerable.Range(0, 1000).Count(i => CapturedRows.Draw($"request-{i}", 0) < 0.2);
        Assert.Equal(sampled, Enumerable.Range(0, 1000).Count(i => CapturedRows.Draw($"request-{i}", 0) < 0.2));
        Assert.InRange(sampled, 170, 230);
        Assert.Equal(CapturedRows.Draw("request-7", 0), CapturedRows.Draw("request-7", 0));
    }

    [Theory]
    [InlineData(new[] { "yes", "yes", "no" }, "yes", 2.0 / 3)]
    [InlineData(new[] { "a", "b" }, null, 0.5)]
    [InlineData(new[] { "a" }, "a", 1.0)]
    [InlineData(new[] { "a", "b", "c", "b" }, "b", 0.5)]
    public void Majority_names_the_most_given_label_or_none_on_a_tie(string[] labels, string? expected, double agreement)
    {
        var (label, share) = Consolidation.Majority(labels);
        Assert.Equal(expected, label);
        Assert.Equal(agreement, share, 12);
    }
}

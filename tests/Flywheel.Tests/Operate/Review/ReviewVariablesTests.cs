using Flywheel.Operate.Review;
using Flywheel.Storage.Sql;
using Flywheel.Tests.Storage;
using Flywheel.Value;

namespace Flywheel.Tests.Operate.Review;

/// <summary>The review queue's figures as value variables, from hand-computed reviews and tallies.</summary>
public sealed class ReviewVariablesTests
{
    /// <summary>Three reviews taking 60, 120 and 180 s; 60 rows captured over two days (today 40, yesterday 20), 10 of them queued.</summary>
    private static async Task<ReviewStatistics> MeasuredAsync(TestStore test)
    {
        var ids = await ReviewQueueTests.SeedAsync(test.Store, 3);
        var queue = new ReviewQueue(test.Store);
        foreach (var seconds in new[] { 180, 60, 120 })
        {
            var claim = await queue.ClaimNextAsync("ann");
            test.Clock.Advance(TimeSpan.FromSeconds(seconds));
            await queue.DecideAsync(claim!.Item.Id, "ann", "no", null);
        }
        Assert.Equal(3, ids.Count);
        await using (var context = test.Store.Database.CreateContext())
        {
            context.ReviewTallies.Add(new ReviewTallyRow { Endpoint = "churn", Day = "2026-11-24", Rows = 40, Queued = 6 });
            context.ReviewTallies.Add(new ReviewTallyRow { Endpoint = "churn", Day = "2026-11-23", Rows = 20, Queued = 4 });
            context.ReviewTallies.Add(new ReviewTallyRow { Endpoint = "churn", Day = "2026-11-01", Rows = 999, Queued = 999 }); // before the 7-day window
            await context.SaveChangesAsync();
        }
        return await new ReviewStats(test.Store).ComputeAsync("churn");
    }

    [Fact]
    public async Task Median_minutes_share_and_people_are_the_hand_computed_figures()
    {
        using var test = new TestStore("sqlite");
        var stats = await MeasuredAsync(test);
        Assert.Equal(2, stats.CapturedDays);

        var variables = ReviewVariables.From(stats, answersPerItem: 1, hoursPerPersonPerDay: 7.5);
        Assert.Equal(["review.minutes_per_item", "review.people", "review.share"], variables.Keys);
        // median of 1, 2, 3 minutes
        Assert.Equal((2.0, "min/item"), variables["review.minutes_per_item"]);
        // 10 queued / 60 captured
        Assert.Equal(1.0 / 6, variables["review.share"].Amount, 12);
        // 10 items / 2 days × 1 answer × 2 min = 10 min a day; ÷ (7.5 h × 60 = 450 min)
        Assert.Equal(10.0 / 450, variables["review.people"].Amount, 12);
        Assert.Equal("person", variables["review.people"].Unit);

        // Three answers an item and 5-hour days: 5 × 3 × 2 = 30 min a day ÷ 300 min.
        Assert.Equal(0.1, ReviewVariables.From(stats, answersPerItem: 3, hoursPerPersonPerDay: 5)["review.people"].Amount, 12);
    }

    [Fact]
    public async Task A_queue_without_answers_or_capture_measures_nothing()
    {
        using var test = new TestStore("sqlite");
        var stats = await new ReviewStats(test.Store).ComputeAsync("churn");
        Assert.Empty(ReviewVariables.From(stats, 1, 7.5));
    }

    [Fact]
    public void Review_figures_join_a_models_measured_figures_with_their_own_source()
    {
        var model = MeasuredVariables.From("churn:3", "test", new Dictionary<string, (double, string)> { ["decision.review_rate"] = (0.2, "") });
        var both = model.With("measured on the review queue of churn, last 7 days",
            new Dictionary<string, (double, string)> { ["review.minutes_per_item"] = (2, "min/item") });
        Assert.Equal("measured on test, model churn:3", both.LabelOf("decision.review_rate"));
        Assert.Equal("measured on the review queue of churn, last 7 days", both.LabelOf("review.minutes_per_item"));
        Assert.Equal(2, both.Amount("review.minutes_per_item").Amount, 12);
        Assert.Equal("min/item", both.Amount("review.minutes_per_item").Unit);
        Assert.Equal(0.2, both.Values["decision.review_rate"].Value, 12);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Flywheel.Operate.Review;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Flywheel.Tests.Storage;

namespace Flywheel.Tests.Operate.Review;

/// <summary>The review queue on every store kind: claims never collide, leases expire, answers consolidate by majority.</summary>
public sealed class ReviewQueueTests
{
    internal static async Task<IReadOnlyList<long>> SeedAsync(MetadataStore store, int count, int reviewers = 1, TimeSpan? lease = null, string endpoint = "churn")
    {
        await using var context = store.Database.CreateContext();
        var rows = Enumerable.Range(0, count).Select(i => new ReviewItemRow
        {
            Endpoint = endpoint, InferenceId = $"inf-{i:D4}", RowIndex = 0, EventId = $"ev-{i}", Variant = "primary", ModelVersion = "churn:1",
            CapturedAt = DateTimeOffset.UnixEpoch, QueuedAt = DateTimeOffset.UnixEpoch, Activation = ReviewActivation.ReviewBand,
            FeaturesJson = JsonSerializer.Serialize(new { tenure = (double)i, plan = i % 2 == 0 ? "basic" : "premium" }),
            Score = 0.5, SuggestedLabel = "yes", LabelsJson = """["no","yes"]""", Decision = "review", State = ReviewStates.Queued,
            ReviewersNeeded = reviewers, LeaseMs = (long)(lease ?? TimeSpan.FromMinutes(15)).TotalMilliseconds,
        }).ToList();
        context.ReviewItems.AddRange(rows);
        await context.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Four_reviewers_claiming_at_once_get_each_of_50_items_exactly_once(string kind)
    {
        using var test = new TestStore(kind);
        var ids = await SeedAsync(test.Store, 50);
        var queue = new ReviewQueue(test.Store);
        var claimed = new ConcurrentBag<(string Reviewer, long Id)>();
        var loops = Enumerable.Range(1, 4).Select(n => Task.Run(async () =>
        {
            var reviewer = $"reviewer-{n}";
            while (await queue.ClaimNextAsync(reviewer) is { } claim)
            {
                claimed.Add((reviewer, claim.Item.Id));
                await queue.DecideAsync(claim.Item.Id, reviewer, "no", null);
            }
        })).ToArray();
        await Task.WhenAll(loops);

        Assert.Equal(ids.Order(), claimed.Select(c => c.Id).Order());
        Assert.Equal(50, claimed.Select(c => c.Id).Distinct().Count());
        Assert.All(await queue.ListAsync("churn"), item => Assert.Equal(ReviewStates.Decided, item.State));
        Assert.Equal(50, (await test.Store.AuditTrailAsync()).Count(e => e.Action == "review.claim"));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Two_reviewers_claiming_the_one_item_at_once_never_both_get_it(string kind)
    {
        using var test = new TestStore(kind);
        for (var round = 0; round < 10; round++)
        {
            var id = (await SeedAsync(test.Store, 1, endpoint: $"e{round}"))[0];
            var queue = new ReviewQueue(test.Store);
            var claims = await Task.WhenAll(Task.Run(() => queue.ClaimNextAsync("ann", $"e{round}")), Task.Run(() => queue.ClaimNextAsync("bob", $"e{round}")));
            Assert.Single(claims, c => c is not null);
            Assert.Equal(id, claims.Single(c => c is not null)!.Item.Id);
        }
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task An_expired_lease_returns_the_item_and_the_first_reviewers_late_decision_is_refused(string kind)
    {
        using var test = new TestStore(kind);
        var id = (await SeedAsync(test.Store, 1, lease: TimeSpan.FromMinutes(15)))[0];
        var queue = new ReviewQueue(test.Store);
        var first = await queue.ClaimNextAsync("ann");
        Assert.Equal(id, first!.Item.Id);
        Assert.Equal(test.Clock.Now + TimeSpan.FromMinutes(15), first.LeaseUntil);
        Assert.Null(await queue.ClaimNextAsync("bob")); // held

        test.Clock.Advance(TimeSpan.FromMinutes(16)); // ann's session died
        Assert.Equal(ReviewStates.Queued, (await queue.GetAsync(id)).State);
        var second = await queue.ClaimNextAsync("bob");
        Assert.Equal(id, second!.Item.Id);
        var late = await Assert.ThrowsAsync<ConflictException>(() => queue.DecideAsync(id, "ann", "yes", null));
        Assert.Contains("not claimed by ann", late.Message);

        test.Clock.Advance(TimeSpan.FromSeconds(90));
        var decided = await queue.DecideAsync(id, "bob", "no", "called the customer");
        Assert.Equal((ReviewStates.Decided, "no", 1.0), (decided.State, decided.Label, decided.Agreement));
        var answer = Assert.Single(decided.Answers);
        Assert.Equal(("bob", 90_000L), (answer.Reviewer, answer.DurationMs));

        // ann's lease had expired even before bob claimed: also refused, naming the expiry.
        var id2 = (await SeedAsync(test.Store, 1, endpoint: "other"))[0];
        await queue.ClaimNextAsync("ann", "other");
        test.Clock.Advance(TimeSpan.FromMinutes(20));
        var expired = await Assert.ThrowsAsync<ConflictException>(() => queue.DecideAsync(id2, "ann", "yes", null));
        Assert.Contains("expired", expired.Message);
        Assert.Equal(["review.claim", "review.claim", "review.decide"], (await test.Store.AuditTrailAsync(ReviewQueue.Subject(id))).Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Three_reviewers_consolidate_by_majority_with_the_agreement(string kind)
    {
        using var test = new TestStore(kind);
        var id = (await SeedAsync(test.Store, 1, reviewers: 3))[0];
        var queue = new ReviewQueue(test.Store);
        foreach (var (reviewer, label) in new[] { ("ann", "yes"), ("bob", "no"), ("cho", "yes") })
        {
            var claim = await queue.ClaimNextAsync(reviewer);
            Assert.Equal(id, claim!.Item.Id);
            var after = await queue.DecideAsync(id, reviewer, label, null);
            // A reviewer never answers the same item twice.
            Assert.Null(await queue.ClaimNextAsync(reviewer));
            if (reviewer != "cho") Assert.Equal((ReviewStates.Queued, (string?)null), (after.State, after.Label));
        }
        var item = await queue.GetAsync(id);
        Assert.Equal((ReviewStates.Decided, "yes", 3), (item.State, item.Label, item.AnswerCount));
        Assert.Equal(2.0 / 3, item.Agreement!.Value, 12);
        var human = Assert.Single(await test.Store.HumanLabels.ListAsync("churn"));
        Assert.Equal(("inf-0000", "yes", "review", "ann,bob,cho", 0), (human.InferenceId, human.Label, human.Source, human.Actor, human.Row!.Value));
        Assert.Equal(2.0 / 3, human.Agreement!.Value, 12);
    }

    [Fact]
    public async Task A_tie_stays_open_for_one_more_reviewer()
    {
        using var test = new TestStore("sqlite");
        var id = (await SeedAsync(test.Store, 1, reviewers: 2))[0];
        var queue = new ReviewQueue(test.Store);
        foreach (var (reviewer, label) in new[] { ("ann", "yes"), ("bob", "no") })
        {
            await queue.ClaimNextAsync(reviewer);
            await queue.DecideAsync(id, reviewer, label, null);
        }
        Assert.Equal((ReviewStates.Queued, 2), ((await queue.GetAsync(id)).State, (await queue.GetAsync(id)).AnswerCount));
        await queue.ClaimNextAsync("cho");
        var decided = await queue.DecideAsync(id, "cho", "no", null);
        Assert.Equal(("no", 2.0 / 3), (decided.Label, decided.Agreement));
    }

    [Fact]
    public async Task Bad_decisions_name_the_field_and_only_the_holder_may_release()
    {
        using var test = new TestStore("sqlite");
        var id = (await SeedAsync(test.Store, 1))[0];
        var queue = new ReviewQueue(test.Store);
        await queue.ClaimNextAsync("ann");
        Assert.Equal("label", (await Assert.ThrowsAsync<InputException>(() => queue.DecideAsync(id, "ann", "maybe", null))).File);
        Assert.Equal("label", (await Assert.ThrowsAsync<InputException>(() => queue.DecideAsync(id, "ann", " ", null))).File);
        Assert.Equal("comment", (await Assert.ThrowsAsync<InputException>(() => queue.DecideAsync(id, "ann", "yes", new string('x', 2001)))).File);
        await Assert.ThrowsAsync<NotFoundException>(() => queue.DecideAsync(999, "ann", "yes", null));
        await Assert.ThrowsAsync<ConflictException>(() => queue.ReleaseAsync(id, "bob"));
        var released = await queue.ReleaseAsync(id, "ann");
        Assert.Equal((ReviewStates.Queued, (string?)null), (released.State, released.ClaimedBy));
        Assert.Equal("state", (await Assert.ThrowsAsync<InputException>(() => queue.ListAsync(state: "lost"))).File);
        Assert.Equal(["review.claim", "review.release"], (await test.Store.AuditTrailAsync(ReviewQueue.Subject(id))).Select(e => e.Action));
    }
}

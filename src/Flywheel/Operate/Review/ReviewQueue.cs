using System.Text.Json;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Review;

/// <summary>
/// The human review queue in the store. A reviewer claims the oldest item that is queued (or whose lease expired) and
/// that they have not answered, in one conditional UPDATE on the item's revision, so two reviewers claiming at once
/// never get the same item and a dead session's item returns after its lease. Only the claim holder decides or
/// releases, while the lease holds; when the item has its reviewers' answers it is consolidated by majority
/// (<see cref="Consolidation"/>). Claim, decision and release are audited on <c>review:&lt;id&gt;</c>.
/// </summary>
public sealed class ReviewQueue(MetadataStore store)
{
    public const int MaxComment = 2000;
    public const int MaxLabel = 200;

    private readonly MetadataDatabase _database = store.Database;
    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    public static string Subject(long id) => $"review:{id}";

    /// <summary>Items oldest first, of one endpoint and state when given (an expired claim counts as queued).</summary>
    public async Task<IReadOnlyList<ReviewItem>> ListAsync(string? endpoint = null, string? state = null, int limit = 500, CancellationToken cancellation = default)
    {
        if (state is not null && !ReviewStates.All.Contains(state))
            throw new InputException($"the state is one of {string.Join(", ", ReviewStates.All)}, not '{state}'", "state");
        if (limit is < 1 or > 10_000) throw new InputException($"the limit is 1 to 10000, not {limit}", "limit");
        var now = Ms(Clock.GetUtcNow());
        await using var context = _database.CreateContext();
        var query = context.ReviewItems.AsNoTracking();
        if (endpoint is not null) query = query.Where(i => i.Endpoint == endpoint);
        query = state switch
        {
            ReviewStates.Queued => query.Where(i => i.State == ReviewStates.Queued || (i.State == ReviewStates.Claimed && i.LeaseUntilMs < now)),
            ReviewStates.Claimed => query.Where(i => i.State == ReviewStates.Claimed && i.LeaseUntilMs >= now),
            ReviewStates.Decided => query.Where(i => i.State == ReviewStates.Decided),
            _ => query,
        };
        var rows = await query.OrderBy(i => i.Id).Take(limit).ToListAsync(cancellation);
        return rows.Select(row => ToRecord(row, now)).ToList();
    }

    /// <summary>One item with its answers.</summary>
    public async Task<ReviewItem> GetAsync(long id, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        var row = await context.ReviewItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellation)
            ?? throw new NotFoundException($"no review item {id}", "id");
        var answers = await context.ReviewAnswers.AsNoTracking().Where(a => a.ItemId == id).OrderBy(a => a.Id).ToListAsync(cancellation);
        return ToRecord(row, Ms(Clock.GetUtcNow())) with { Answers = answers.Select(ToRecord).ToList() };
    }

    /// <summary>
    /// The next item for <paramref name="reviewer"/> (of <paramref name="endpoint"/> when given): the one they already
    /// hold under a live lease, else the oldest claimable one they have not answered; null when there is none.
    /// </summary>
    public async Task<ReviewClaim?> ClaimNextAsync(string reviewer, string? endpoint = null, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(reviewer)) throw new InputException("a claim names its reviewer", "reviewer");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var at = Clock.GetUtcNow();
            var now = Ms(at);
            await using var context = _database.CreateContext();
            var items = context.ReviewItems.AsNoTracking().Where(i => endpoint == null || i.Endpoint == endpoint);
            var held = await items.Where(i => i.State == ReviewStates.Claimed && i.ClaimedBy == reviewer && i.LeaseUntilMs >= now)
                .OrderBy(i => i.Id).FirstOrDefaultAsync(cancellation);
            if (held is not null) return new ReviewClaim(ToRecord(held, now), held.ClaimToken ?? Guid.Empty, FromMs(held.LeaseUntilMs));
            var candidates = await items
                .Where(i => i.State == ReviewStates.Queued || (i.State == ReviewStates.Claimed && i.LeaseUntilMs < now))
                .Where(i => !context.ReviewAnswers.Any(a => a.ItemId == i.Id && a.Reviewer == reviewer))
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.Revision, i.LeaseMs, i.State, i.ClaimedBy }).Take(8).ToListAsync(cancellation);
            if (candidates.Count == 0) return null;
            foreach (var candidate in candidates)
            {
                var token = Guid.NewGuid();
                var until = now + candidate.LeaseMs;
                await using var transaction = await context.Database.BeginTransactionAsync(cancellation);
                var changed = await context.ReviewItems
                    .Where(i => i.Id == candidate.Id && i.Revision == candidate.Revision)
                    .Where(i => i.State == ReviewStates.Queued || (i.State == ReviewStates.Claimed && i.LeaseUntilMs < now))
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(i => i.State, ReviewStates.Claimed)
                        .SetProperty(i => i.ClaimedBy, reviewer)
                        .SetProperty(i => i.ClaimToken, token)
                        .SetProperty(i => i.ClaimedAt, at)
                        .SetProperty(i => i.ClaimedAtMs, now)
                        .SetProperty(i => i.LeaseUntilMs, until)
                        .SetProperty(i => i.Revision, i => i.Revision + 1), cancellation);
                if (changed != 1)
                {
                    await transaction.RollbackAsync(cancellation);
                    continue;
                }
                var before = candidate.State == ReviewStates.Claimed ? $"claimed by {candidate.ClaimedBy} (lease expired)" : ReviewStates.Queued;
                Audit.Add(context, reviewer, "review.claim", Subject(candidate.Id), at, new { before, after = ReviewStates.Claimed, leaseUntil = FromMs(until) });
                await context.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
                var row = await context.ReviewItems.AsNoTracking().FirstAsync(i => i.Id == candidate.Id, cancellation);
                return new ReviewClaim(ToRecord(row, now), token, FromMs(until));
            }
        }
        throw new ConflictException("the review queue is too contended to claim an item now; try again", "review");
    }

    /// <summary>
    /// Records <paramref name="reviewer"/>'s answer to the item they hold (409 when they do not hold it, or its lease
    /// expired); consolidates when the item has the answers it needs and a majority.
    /// </summary>
    public async Task<ReviewItem> DecideAsync(long id, string reviewer, string label, string? comment, CancellationToken cancellation = default)
    {
        label = (label ?? "").Trim();
        if (label.Length == 0) throw new InputException("a decision needs a label", "label");
        if (label.Length > MaxLabel) throw new InputException($"the label is longer than {MaxLabel} characters", "label");
        if (comment is { Length: > MaxComment }) throw new InputException($"the comment is longer than {MaxComment} characters", "comment");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var at = Clock.GetUtcNow();
            var now = Ms(at);
            await using var context = _database.CreateContext();
            var item = await HeldAsync(context, id, reviewer, now, cancellation);
            var labels = JsonSerializer.Deserialize<string[]>(item.LabelsJson) ?? [];
            if (labels.Length > 0 && !labels.Contains(label, StringComparer.Ordinal))
                throw new InputException($"the label is one of {string.Join(", ", labels)}, not '{label}'", "label");
            if (labels.Length == 0 && !double.TryParse(label, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                throw new InputException($"the label of a regression item is a number, not '{label}'", "label");
            var given = await context.ReviewAnswers.AsNoTracking().Where(a => a.ItemId == id).OrderBy(a => a.Id).Select(a => a.Label).ToListAsync(cancellation);
            given.Add(label);
            var (consolidated, agreement) = given.Count >= item.ReviewersNeeded ? Consolidation.Majority(given) : (null, 0);
            var decided = consolidated is not null;
            var state = decided ? ReviewStates.Decided : ReviewStates.Queued;

            await using var transaction = await context.Database.BeginTransactionAsync(cancellation);
            var changed = await context.ReviewItems
                .Where(i => i.Id == id && i.Revision == item.Revision && i.State == ReviewStates.Claimed && i.ClaimedBy == reviewer && i.LeaseUntilMs >= now)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(i => i.State, state)
                    .SetProperty(i => i.ClaimedBy, (string?)null)
                    .SetProperty(i => i.ClaimToken, (Guid?)null)
                    .SetProperty(i => i.LeaseUntilMs, 0L)
                    .SetProperty(i => i.Answers, given.Count)
                    .SetProperty(i => i.Label, consolidated)
                    .SetProperty(i => i.Agreement, decided ? agreement : null)
                    .SetProperty(i => i.DecidedAt, decided ? at : null)
                    .SetProperty(i => i.DecidedAtMs, decided ? now : 0L)
                    .SetProperty(i => i.Revision, i => i.Revision + 1), cancellation);
            if (changed != 1)
            {
                await transaction.RollbackAsync(cancellation);
                continue;
            }
            var claimedAt = item.ClaimedAt ?? at;
            context.ReviewAnswers.Add(new ReviewAnswerRow
            {
                ItemId = id, Reviewer = reviewer, Label = label, Comment = comment, ClaimedAt = claimedAt,
                SubmittedAt = at, SubmittedAtMs = now, DurationMs = Math.Max(0, now - item.ClaimedAtMs),
            });
            Audit.Add(context, reviewer, "review.decide", Subject(id), at,
                new { before = ReviewStates.Claimed, after = state, answer = label, answers = given.Count, needed = item.ReviewersNeeded, label = consolidated, agreement = decided ? agreement : (double?)null });
            await context.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            return await GetAsync(id, cancellation);
        }
        throw new ConflictException($"review item {id} changed while the decision was recorded; try again", Subject(id));
    }

    /// <summary>Gives the item back to the queue (only its holder may).</summary>
    public async Task<ReviewItem> ReleaseAsync(long id, string reviewer, CancellationToken cancellation = default)
    {
        var at = Clock.GetUtcNow();
        var now = Ms(at);
        await using var context = _database.CreateContext();
        var item = await HeldAsync(context, id, reviewer, now, cancellation);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellation);
        var changed = await context.ReviewItems
            .Where(i => i.Id == id && i.Revision == item.Revision && i.State == ReviewStates.Claimed && i.ClaimedBy == reviewer)
            .ExecuteUpdateAsync(set => set
                .SetProperty(i => i.State, ReviewStates.Queued)
                .SetProperty(i => i.ClaimedBy, (string?)null)
                .SetProperty(i => i.ClaimToken, (Guid?)null)
                .SetProperty(i => i.LeaseUntilMs, 0L)
                .SetProperty(i => i.Revision, i => i.Revision + 1), cancellation);
        if (changed != 1) throw new ConflictException($"review item {id} is no longer held by {reviewer}", Subject(id));
        Audit.Add(context, reviewer, "review.release", Subject(id), at, new { before = ReviewStates.Claimed, after = ReviewStates.Queued });
        await context.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return await GetAsync(id, cancellation);
    }

    /// <summary>The item as <paramref name="reviewer"/> holds it now: 404 when unknown, 409 when decided, not theirs or its lease expired.</summary>
    private static async Task<ReviewItemRow> HeldAsync(FlywheelDbContext context, long id, string reviewer, long now, CancellationToken cancellation)
    {
        var item = await context.ReviewItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellation)
            ?? throw new NotFoundException($"no review item {id}", "id");
        if (item.State == ReviewStates.Decided) throw new ConflictException($"review item {item.Id} is already decided", Subject(item.Id));
        if (item.State != ReviewStates.Claimed || item.ClaimedBy != reviewer)
            throw new ConflictException($"review item {item.Id} is not claimed by {reviewer}; claim it with next first", Subject(item.Id));
        if (item.LeaseUntilMs < now)
            throw new ConflictException($"the lease of {reviewer} on review item {item.Id} expired at {FromMs(item.LeaseUntilMs):u}; it went back to the queue", Subject(item.Id));
        return item;
    }

    internal static long Ms(DateTimeOffset at) => ReviewClock.Ms(at);

    internal static DateTimeOffset FromMs(long ms) => ReviewClock.FromMs(ms);

    internal static ReviewItem ToRecord(ReviewItemRow row, long now)
    {
        var live = row.State == ReviewStates.Claimed && row.LeaseUntilMs >= now;
        var state = row.State == ReviewStates.Claimed && !live ? ReviewStates.Queued : row.State;
        return new ReviewItem(row.Id, row.Endpoint, row.InferenceId, row.RowIndex, row.EventId, row.Variant, row.ModelVersion,
            row.CapturedAt, row.QueuedAt, row.Activation, Json(row.FeaturesJson) ?? default, row.Score, row.SuggestedLabel, row.Decision,
            Json(row.ExplanationJson), state, row.ReviewersNeeded, row.Answers,
            live ? row.ClaimedBy : null, live ? row.ClaimedAt : null, live ? FromMs(row.LeaseUntilMs) : null,
            row.Label, row.Agreement, row.DecidedAt);
    }

    private static ReviewAnswer ToRecord(ReviewAnswerRow row) =>
        new(row.Reviewer, row.Label, row.Comment, row.ClaimedAt, row.SubmittedAt, row.DurationMs);

    private static JsonElement? Json(string? text) => text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
}

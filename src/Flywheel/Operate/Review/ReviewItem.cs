using System.Text.Json;

namespace Flywheel.Operate.Review;

/// <summary>The states of a review item: waiting, held by one reviewer under a lease, or consolidated.</summary>
public static class ReviewStates
{
    public const string Queued = "queued";
    public const string Claimed = "claimed";
    public const string Decided = "decided";

    public static readonly string[] All = [Queued, Claimed, Decided];
}

/// <summary>Which activation condition queued an item (A2I records this per human loop).</summary>
public static class ReviewActivation
{
    /// <summary>The model's decision was <c>review</c>: the score fell in the band (or under the floor) chosen in training.</summary>
    public const string ReviewBand = "review_band";

    /// <summary>An automatic decision drawn by <c>review.sample</c>.</summary>
    public const string RandomSample = "random_sample";
}

/// <summary>
/// One captured row in the review queue: what the model saw (<see cref="Features"/>, a JSON object of input → value),
/// what it answered (score, suggested label, decision route), why (<see cref="Explanation"/>: the top contributions,
/// computed with the answering package at intake) and what people decided. <see cref="Id"/> is the queue's number;
/// (<see cref="Endpoint"/>, <see cref="InferenceId"/>, <see cref="Row"/>) names the captured row.
/// </summary>
public sealed record ReviewItem(
    long Id,
    string Endpoint,
    string InferenceId,
    int Row,
    string EventId,
    string Variant,
    string ModelVersion,
    DateTimeOffset CapturedAt,
    DateTimeOffset QueuedAt,
    string Activation,
    JsonElement Features,
    double Score,
    string SuggestedLabel,
    string Decision,
    JsonElement? Explanation,
    string State,
    int ReviewersNeeded,
    int AnswerCount,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? LeaseUntil,
    string? Label,
    double? Agreement,
    DateTimeOffset? DecidedAt)
{
    /// <summary>The answers given so far (filled by <see cref="ReviewQueue.GetAsync"/>; empty in lists).</summary>
    public IReadOnlyList<ReviewAnswer> Answers { get; init; } = [];
}

/// <summary>One reviewer's answer, with when the item was claimed and submitted and how long it took (ms).</summary>
public sealed record ReviewAnswer(string Reviewer, string Label, string? Comment, DateTimeOffset ClaimedAt, DateTimeOffset SubmittedAt, long DurationMs);

/// <summary>An item handed to a reviewer: it is theirs until <see cref="LeaseUntil"/>.</summary>
public sealed record ReviewClaim(ReviewItem Item, Guid Token, DateTimeOffset LeaseUntil);

/// <summary>A decided item close to the one under review: its label, agreement and distance (standardized numeric + categorical mismatches).</summary>
public sealed record SimilarDecision(long Id, string InferenceId, string Label, double? Agreement, double Score, string SuggestedLabel, double Distance);

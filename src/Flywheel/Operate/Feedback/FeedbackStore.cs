using Flywheel.Operate.Capture;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Feedback;

/// <summary>The verdicts a "like" button sends.</summary>
public static class FeedbackVerdicts
{
    public const string Useful = "useful";
    public const string NotUseful = "not_useful";

    public static readonly string[] All = [Useful, NotUseful];
}

/// <summary>A feedback as posted: the inference it is about, the verdict, and optionally the correct label and a comment.</summary>
public sealed record FeedbackPost(string? InferenceId, string? Verdict, string? Label, string? Comment);

/// <summary>A stored feedback; <see cref="ModelVersion"/> is the version that answered (from the capture), null when the capture was not found.</summary>
public sealed record FeedbackEntry(long Id, string Endpoint, string InferenceId, string Actor, string Verdict, string? Label, string? Comment, string? ModelVersion, DateTimeOffset At, bool Replaced);

/// <summary>Feedback counts of one model version: useful, not useful, with a label, and the useful share.</summary>
public sealed record FeedbackCounts(string? ModelVersion, int Total, int Useful, int NotUseful, int WithLabel, double? UsefulShare);

/// <summary>
/// Feedback on served inferences. The inference id must be in the endpoint's capture of the last
/// <see cref="Lookback"/> (else 404 naming <c>inferenceId</c>) — unless <c>allowUncaptured</c> is set, for endpoints
/// that capture a sample only, when it is stored without a version. One feedback per (inference id, actor): posting
/// again replaces it (idempotent: the same post twice leaves one entry). A feedback's label is a human label (source
/// <c>feedback</c>). Each post is audited on <c>endpoint:&lt;name&gt;</c>.
/// </summary>
public sealed class FeedbackStore(MetadataStore store, CaptureReader capture)
{
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);
    public const int MaxComment = 2000;
    public const int MaxLabel = 200;
    public const int MaxInferenceId = 64;

    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    /// <summary>Checks a post, naming the first bad field (<c>inferenceId</c>, <c>verdict</c>, <c>label</c>, <c>comment</c>).</summary>
    public static (string InferenceId, string Verdict, string? Label, string? Comment) Validate(FeedbackPost post)
    {
        var id = post.InferenceId?.Trim();
        if (string.IsNullOrEmpty(id)) throw new InputException("a feedback names the inference it is about", "inferenceId");
        if (id.Length > MaxInferenceId || id.Any(c => c <= ' ' || c > '~'))
            throw new InputException($"an inference id is 1–{MaxInferenceId} visible ASCII characters", "inferenceId");
        if (post.Verdict is null || !FeedbackVerdicts.All.Contains(post.Verdict))
            throw new InputException($"the verdict is {string.Join(" or ", FeedbackVerdicts.All)}, not '{post.Verdict}'", "verdict");
        var label = string.IsNullOrWhiteSpace(post.Label) ? null : post.Label.Trim();
        if (label is { Length: > MaxLabel }) throw new InputException($"the label is longer than {MaxLabel} characters", "label");
        if (post.Comment is { Length: > MaxComment }) throw new InputException($"the comment is longer than {MaxComment} characters", "comment");
        return (id, post.Verdict, label, post.Comment);
    }

    public async Task<FeedbackEntry> PostAsync(string endpoint, FeedbackPost post, string actor, bool allowUncaptured = false, CancellationToken cancellation = default)
    {
        var (id, verdict, label, comment) = Validate(post);
        var now = Clock.GetUtcNow();
        var version = FindVersion(endpoint, id, now, cancellation);
        if (version is null && !allowUncaptured)
            throw new NotFoundException($"no captured inference '{id}' on endpoint '{endpoint}' in the last {Lookback.TotalDays:0} days (set allowUncaptured to keep it without a model version)", "inferenceId");
        for (var attempt = 0; ; attempt++)
        {
            await using var context = store.Database.CreateContext();
            var row = await context.Feedback.FirstOrDefaultAsync(f => f.Endpoint == endpoint && f.InferenceId == id && f.Actor == actor, cancellation);
            var before = row is null ? null : new { row.Verdict, row.Label, row.Comment };
            var replaced = row is not null;
            if (row is null)
            {
                row = new FeedbackRow { Endpoint = endpoint, InferenceId = id, Actor = actor };
                context.Feedback.Add(row);
            }
            row.Verdict = verdict;
            row.Label = label;
            row.Comment = comment;
            row.ModelVersion = version ?? row.ModelVersion;
            row.At = now;
            row.AtMs = ReviewClock.Ms(now);
            Audit.Add(context, actor, "feedback.post", $"endpoint:{endpoint}", now,
                new { before, after = new { inferenceId = id, verdict, label, comment, modelVersion = row.ModelVersion } });
            try
            {
                await context.SaveChangesAsync(cancellation);
                return new FeedbackEntry(row.Id, endpoint, id, actor, verdict, label, comment, row.ModelVersion, now, replaced);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same actor posted the same id at the same moment: the other insert won; replace it.
            }
        }
    }

    /// <summary>
    /// Counts per model version (newest version first; uncaptured feedback under a null version), of the feedback posted
    /// in [<paramref name="since"/>, <paramref name="until"/>) when given.
    /// </summary>
    public async Task<IReadOnlyList<FeedbackCounts>> SummaryAsync(string endpoint, CancellationToken cancellation = default, DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        await using var context = store.Database.CreateContext();
        var sinceMs = since?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var untilMs = until?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var rows = await context.Feedback.AsNoTracking().Where(f => f.Endpoint == endpoint && f.AtMs >= sinceMs && f.AtMs < untilMs)
            .Select(f => new { f.ModelVersion, f.Verdict, HasLabel = f.Label != null }).ToListAsync(cancellation);
        return rows.GroupBy(r => r.ModelVersion)
            .Select(g =>
            {
                var useful = g.Count(r => r.Verdict == FeedbackVerdicts.Useful);
                var notUseful = g.Count(r => r.Verdict == FeedbackVerdicts.NotUseful);
                return new FeedbackCounts(g.Key, g.Count(), useful, notUseful, g.Count(r => r.HasLabel), useful + notUseful == 0 ? null : (double)useful / (useful + notUseful));
            })
            .OrderByDescending(c => VersionNumber(c.ModelVersion)).ThenBy(c => c.ModelVersion, StringComparer.Ordinal).ToList();
    }

    private string? FindVersion(string endpoint, string inferenceId, DateTimeOffset now, CancellationToken cancellation) =>
        capture.Read(new CaptureQuery(endpoint) { Since = now - Lookback, InferenceId = inferenceId }, cancellation)
            .Where(r => !r.Shadow).Select(r => r.ModelVersion).LastOrDefault();

    private static int VersionNumber(string? reference) =>
        reference is not null && reference.LastIndexOf(':') is var colon and >= 0 && int.TryParse(reference[(colon + 1)..], out var number) ? number : -1;
}

using Flywheel.Storage;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Review;

/// <summary>One reviewer's work today (UTC): answers given and the median minutes each took.</summary>
public sealed record ReviewerThroughput(string Reviewer, int Answers, double MedianMinutes);

/// <summary>
/// The queue's figures for a manager and for the value model: depth (queued, claimed), items decided today (UTC),
/// the median minutes per answer and the review share (items queued / rows captured) over the window since
/// <see cref="Since"/>, the agreement rate (mean agreement of items with several answers), the automation's error
/// estimated on the randomly sampled automatic decisions (reviewers' label ≠ the model's), and throughput per reviewer today.
/// <see cref="CapturedDays"/> counts the UTC days of the window with captured rows, so a per-day rate is not diluted by
/// days before the endpoint served.
/// </summary>
public sealed record ReviewStatistics(
    string? Endpoint,
    DateTimeOffset Since,
    int Queued,
    int Claimed,
    int DecidedToday,
    int Decided,
    int Answers,
    double? MedianMinutesPerItem,
    long CapturedRows,
    long QueuedRows,
    double? ReviewShare,
    double? AgreementRate,
    int SampledDecided,
    double? SampledErrorRate,
    IReadOnlyList<ReviewerThroughput> ThroughputToday,
    int CapturedDays = 0);

public sealed class ReviewStats(MetadataStore store)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    public async Task<ReviewStatistics> ComputeAsync(string? endpoint = null, TimeSpan? window = null, CancellationToken cancellation = default)
    {
        var now = Clock.GetUtcNow();
        var span = window ?? DefaultWindow;
        if (span <= TimeSpan.Zero) throw new InputException("the stats window must be positive", "window");
        var since = now - span;
        var sinceMs = ReviewClock.Ms(since);
        var nowMs = ReviewClock.Ms(now);
        var todayMs = ReviewClock.Ms(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero));
        var firstDay = since.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await using var context = store.Database.CreateContext();
        var items = context.ReviewItems.AsNoTracking().Where(i => endpoint == null || i.Endpoint == endpoint);
        var queued = await items.CountAsync(i => i.State == ReviewStates.Queued || (i.State == ReviewStates.Claimed && i.LeaseUntilMs < nowMs), cancellation);
        var claimed = await items.CountAsync(i => i.State == ReviewStates.Claimed && i.LeaseUntilMs >= nowMs, cancellation);
        var decided = await items.Where(i => i.State == ReviewStates.Decided && i.DecidedAtMs >= sinceMs)
            .Select(i => new { i.DecidedAtMs, i.Answers, i.Agreement, i.Activation, i.Label, i.SuggestedLabel }).ToListAsync(cancellation);
        var answers = await context.ReviewAnswers.AsNoTracking()
            .Where(a => a.SubmittedAtMs >= sinceMs && context.ReviewItems.Any(i => i.Id == a.ItemId && (endpoint == null || i.Endpoint == endpoint)))
            .Select(a => new { a.Reviewer, a.DurationMs, a.SubmittedAtMs }).ToListAsync(cancellation);
        var tallies = await context.ReviewTallies.AsNoTracking()
            .Where(t => (endpoint == null || t.Endpoint == endpoint) && string.Compare(t.Day, firstDay) >= 0)
            .Select(t => new { t.Day, t.Rows, t.Queued }).ToListAsync(cancellation);

        var capturedRows = tallies.Sum(t => t.Rows);
        var queuedRows = tallies.Sum(t => t.Queued);
        var several = decided.Where(d => d.Answers > 1 && d.Agreement is not null).ToList();
        var sampled = decided.Where(d => d.Activation == ReviewActivation.RandomSample).ToList();
        var throughput = answers.Where(a => a.SubmittedAtMs >= todayMs).GroupBy(a => a.Reviewer, StringComparer.Ordinal)
            .Select(g => new ReviewerThroughput(g.Key, g.Count(), Median(g.Select(a => a.DurationMs / 60_000.0)) ?? 0))
            .OrderByDescending(t => t.Answers).ThenBy(t => t.Reviewer, StringComparer.Ordinal).ToList();
        return new ReviewStatistics(endpoint, since, queued, claimed, decided.Count(d => d.DecidedAtMs >= todayMs), decided.Count, answers.Count,
            Median(answers.Select(a => a.DurationMs / 60_000.0)), capturedRows, queuedRows,
            capturedRows == 0 ? null : (double)queuedRows / capturedRows,
            several.Count == 0 ? null : several.Average(d => d.Agreement!.Value),
            sampled.Count, sampled.Count == 0 ? null : (double)sampled.Count(d => d.Label != d.SuggestedLabel) / sampled.Count,
            throughput, tallies.Where(t => t.Rows > 0).Select(t => t.Day).Distinct(StringComparer.Ordinal).Count());
    }

    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

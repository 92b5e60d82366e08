using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>
/// The human labels of an endpoint: consolidated review decisions (source <c>review</c>, actor = the reviewers, the
/// agreement kept) and feedback that carries a label (source <c>feedback</c>), newest per inference id (and row) and
/// source, oldest first. The window filters on when the label was given.
/// </summary>
internal sealed class SqlHumanLabels(MetadataDatabase database) : IHumanLabels
{
    public const string Review = "review";
    public const string Feedback = "feedback";

    public async Task<IReadOnlyList<HumanLabel>> ListAsync(string endpoint, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        var from = since?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var to = until?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        await using var context = database.CreateContext();
        var decided = await context.ReviewItems.AsNoTracking()
            .Where(i => i.Endpoint == endpoint && i.State == "decided" && i.Label != null && i.DecidedAtMs >= from && i.DecidedAtMs < to)
            .Select(i => new { i.Id, i.InferenceId, i.RowIndex, i.Label, i.DecidedAt, i.DecidedAtMs, i.Agreement })
            .ToListAsync(cancellationToken);
        var reviewers = (await context.ReviewAnswers.AsNoTracking()
                .Where(a => context.ReviewItems.Any(i => i.Id == a.ItemId && i.Endpoint == endpoint && i.State == "decided"))
                .Select(a => new { a.ItemId, a.Reviewer, a.Id }).ToListAsync(cancellationToken))
            .GroupBy(a => a.ItemId).ToDictionary(g => g.Key, g => string.Join(",", g.OrderBy(a => a.Id).Select(a => a.Reviewer)));
        var feedback = await context.Feedback.AsNoTracking()
            .Where(f => f.Endpoint == endpoint && f.Label != null && f.AtMs >= from && f.AtMs < to)
            .Select(f => new { f.Id, f.InferenceId, f.Label, f.At, f.AtMs, f.Actor })
            .ToListAsync(cancellationToken);

        var labels = decided
            .Select(i => (Ms: i.DecidedAtMs, Order: i.Id, Label: new HumanLabel(endpoint, i.InferenceId, i.Label!, Review, i.DecidedAt ?? DateTimeOffset.FromUnixTimeMilliseconds(i.DecidedAtMs),
                reviewers.GetValueOrDefault(i.Id, ""), i.Agreement, i.RowIndex)))
            .Concat(feedback
                .GroupBy(f => f.InferenceId, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(f => f.AtMs).ThenByDescending(f => f.Id).First())
                .Select(f => (Ms: f.AtMs, Order: f.Id, Label: new HumanLabel(endpoint, f.InferenceId, f.Label!, Feedback, f.At, f.Actor))))
            .OrderBy(l => l.Ms).ThenBy(l => l.Label.Source, StringComparer.Ordinal).ThenBy(l => l.Order)
            .Select(l => l.Label).ToList();
        return labels;
    }
}

using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Value;
using Flywheel.Workflows;

namespace Flywheel.Operate.Review;

/// <summary>
/// The review queue's measured figures as value variables, beside the evaluation's <c>decision.*</c>, over
/// <see cref="ReviewStats.DefaultWindow"/> (the last 7 days):
/// <list type="bullet">
/// <item><c>review.minutes_per_item</c> (min/item): the <b>median</b> of the answers' durations, claim to submission
/// (the median, as the queue's statistics report it, so an item left claimed over lunch does not inflate it);</item>
/// <item><c>review.share</c>: items queued ÷ rows captured;</item>
/// <item><c>review.people</c> (person): the review minutes a day the queue asks for — items queued per day (over the
/// days with captured rows) × <c>review.reviewers</c> answers each × minutes per item — ÷ a person's working minutes a
/// day (<c>decision.review.hours_per_day</c> × 60, 7.5 h by default: the figure <c>decision.reviewer_people</c> uses).</item>
/// </list>
/// Each only when measured. The Evaluation and Value stages come before Operate, so the hosts add these to a model's
/// measured figures (<see cref="AddAsync"/>) rather than the evaluation computing them.
/// </summary>
public static class ReviewVariables
{
    public const string MinutesPerItem = "review.minutes_per_item";
    public const string Share = "review.share";
    public const string People = "review.people";

    public static IReadOnlyDictionary<string, (double Amount, string Unit)> From(ReviewStatistics stats, int answersPerItem, double hoursPerPersonPerDay)
    {
        var variables = new SortedDictionary<string, (double Amount, string Unit)>(StringComparer.Ordinal);
        if (stats.MedianMinutesPerItem is { } minutes) variables[MinutesPerItem] = (minutes, "min/item");
        if (stats.ReviewShare is { } share) variables[Share] = (share, "");
        if (stats.MedianMinutesPerItem is { } perItem && stats.CapturedDays > 0)
        {
            var reviewMinutesPerDay = (double)stats.QueuedRows / stats.CapturedDays * answersPerItem * perItem;
            variables[People] = (reviewMinutesPerDay / (hoursPerPersonPerDay * 60), "person");
        }
        return variables;
    }

    /// <summary>
    /// <paramref name="measured"/> with the review figures of the use case's endpoint added (the store's endpoint serving
    /// this folder when exactly one does, else the one named after the use case). Unchanged when the use case has no
    /// store yet (looking does not create one) or its queue has measured nothing.
    /// </summary>
    public static async Task<MeasuredVariables?> AddAsync(UseCase useCase, MeasuredVariables? measured, StoreOptions? storeSpec = null, CancellationToken cancellation = default)
    {
        if (!ModelMeasurements.StoreExists(useCase, storeSpec)) return measured;
        var store = MetadataStore.ForUseCase(useCase.Directory, storeSpec);
        var endpoint = await EndpointOfAsync(store, useCase, cancellation);
        var stats = await new ReviewStats(store).ComputeAsync(endpoint, cancellation: cancellation);
        var hours = useCase.Decision?.Review?.HoursPerDay ?? ReviewSpec.DefaultHoursPerDay;
        var amounts = From(stats, useCase.ReviewOrDefault.Reviewers, hours);
        if (amounts.Count == 0) return measured;
        var source = $"measured on the review queue of {endpoint}, last {ReviewStats.DefaultWindow.TotalDays:0} days";
        var empty = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        return (measured ?? new MeasuredVariables(endpoint, "review queue", empty)).With(source, amounts);
    }

    private static async Task<string> EndpointOfAsync(MetadataStore store, UseCase useCase, CancellationToken cancellation)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(useCase.Directory));
        var serving = (await store.Endpoints.ListAsync(cancellation))
            .Where(e => Path.TrimEndingDirectorySeparator(Path.GetFullPath(e.UseCaseFolder)) == folder).ToList();
        return serving.Count == 1 ? serving[0].Name : useCase.Name;
    }
}

using System.Text.Json;
using Flywheel.Storage;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Review;

/// <summary>
/// The decided items nearest to one under review, so a reviewer sees how similar cases were judged: among the
/// endpoint's latest <see cref="Pool"/> decided items, the distance is the Euclidean distance over numeric features
/// standardized by their standard deviation in that pool, plus 1 for every categorical feature whose value differs
/// (a missing value differs from any value). Ties keep the newer decision first.
/// </summary>
public sealed class SimilarDecisions(MetadataStore store)
{
    public const int DefaultK = 5;
    public const int Pool = 2000;

    public async Task<IReadOnlyList<SimilarDecision>> FindAsync(ReviewItem item, int k = DefaultK, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var pool = await context.ReviewItems.AsNoTracking()
            .Where(i => i.Endpoint == item.Endpoint && i.State == ReviewStates.Decided && i.Id != item.Id)
            .OrderByDescending(i => i.Id).Take(Pool)
            .Select(i => new { i.Id, i.InferenceId, i.Label, i.Agreement, i.Score, i.SuggestedLabel, i.FeaturesJson }).ToListAsync(cancellation);
        if (pool.Count == 0 || item.Features.ValueKind != JsonValueKind.Object) return [];
        var target = Values(item.Features);
        var others = pool.Select(p => (Row: p, Values: Values(JsonDocument.Parse(p.FeaturesJson).RootElement))).ToList();
        var scale = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in target)
        {
            if (value is not double) continue;
            var numbers = others.Select(o => o.Values.GetValueOrDefault(name)).OfType<double>().ToArray();
            var sd = numbers.Length > 1 ? MathNet.Numerics.Statistics.Statistics.StandardDeviation(numbers) : 0;
            scale[name] = sd > 0 && double.IsFinite(sd) ? sd : 1;
        }
        return others
            .Select(o => (o.Row, Distance: Distance(target, o.Values, scale)))
            .OrderBy(o => o.Distance).ThenByDescending(o => o.Row.Id).Take(Math.Max(1, k))
            .Select(o => new SimilarDecision(o.Row.Id, o.Row.InferenceId, o.Row.Label ?? "", o.Row.Agreement, o.Row.Score, o.Row.SuggestedLabel, o.Distance))
            .ToList();
    }

    private static double Distance(Dictionary<string, object?> target, Dictionary<string, object?> other, Dictionary<string, double> scale)
    {
        double squares = 0, mismatches = 0;
        foreach (var (name, value) in target)
        {
            var theirs = other.GetValueOrDefault(name);
            if (value is double a && theirs is double b) squares += Math.Pow((a - b) / scale[name], 2);
            else if (value is double || theirs is double) mismatches += 1;
            else if (!string.Equals(value as string, theirs as string, StringComparison.Ordinal) || value is null) mismatches += 1;
        }
        return Math.Sqrt(squares) + mismatches;
    }

    private static Dictionary<string, object?> Values(JsonElement features)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (features.ValueKind != JsonValueKind.Object) return values;
        foreach (var property in features.EnumerateObject())
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Number => property.Value.GetDouble(),
                JsonValueKind.String => property.Value.GetString(),
                _ => null,
            };
        return values;
    }
}

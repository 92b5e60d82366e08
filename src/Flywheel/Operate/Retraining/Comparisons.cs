using System.Text.Json;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Retraining;

/// <summary>The stored challenger-vs-champion comparisons (table <c>model_comparisons</c>; the full record as camelCase JSON). Audited.</summary>
public sealed class Comparisons(MetadataStore store)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async Task<ModelComparison> SaveAsync(ModelComparison comparison, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        context.ModelComparisons.Add(new ModelComparisonRow
        {
            Id = comparison.Id, UseCase = comparison.UseCase, ModelName = comparison.Model, ChampionVersion = comparison.Champion?.Version,
            ChallengerVersion = comparison.Challenger.Version, HoldoutFingerprint = comparison.Holdout.Fingerprint,
            ValuePerDayAdded = comparison.Value?.PerDayAdded, Json = JsonSerializer.Serialize(comparison, Json),
            CreatedBy = comparison.CreatedBy, CreatedAt = comparison.CreatedAt,
        });
        Audit.Add(context, comparison.CreatedBy, "comparison.record", $"model:{comparison.Model}", comparison.CreatedAt, new
        {
            comparison = comparison.Id, champion = comparison.Champion?.Version, challenger = comparison.Challenger.Version,
            holdout = comparison.Holdout.Fingerprint, rows = comparison.Holdout.Rows, valuePerDayAdded = comparison.Value?.PerDayAdded,
        });
        store.Options.Reach(WritePoints.ComparisonCommit);
        await context.SaveChangesAsync(cancellation);
        return comparison;
    }

    /// <summary>The comparison, or a <see cref="NotFoundException"/> naming it.</summary>
    public async Task<ModelComparison> GetAsync(Guid id, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var row = await context.ModelComparisons.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellation)
            ?? throw new NotFoundException($"there is no comparison '{id}'", "comparison");
        return Read(row);
    }

    /// <summary>A use case's comparisons, newest first.</summary>
    public async Task<IReadOnlyList<ModelComparison>> ListAsync(string useCase, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var rows = await context.ModelComparisons.AsNoTracking().Where(r => r.UseCase == useCase).ToListAsync(cancellation);
        // SQLite cannot order by DateTimeOffset: ordered here.
        return rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).Select(Read).ToList();
    }

    private static ModelComparison Read(ModelComparisonRow row) =>
        JsonSerializer.Deserialize<ModelComparison>(row.Json, Json) ?? throw new InvalidOperationException($"comparison {row.Id} holds no record");
}

using System.Text.Json;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Production;

/// <summary>One recorded version of an endpoint's labelled production dataset: what went in, its fingerprint and the Parquet artifact.</summary>
public sealed record ProductionDatasetVersion(
    string Endpoint, int Version, DateTimeOffset? Since, DateTimeOffset? Until, int Rows,
    IReadOnlyDictionary<string, int> LabelCounts, string Fingerprint, string ArtifactId, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// The versions of labelled production datasets in the store (table <c>production_datasets</c>). Recording a dataset
/// stores its Parquet file as a content-addressed artifact and numbers it 1, 2, …; the same content recorded again
/// (same fingerprint as the endpoint's newest version) is that version, not a new one. Audited.
/// </summary>
public sealed class ProductionDatasets(MetadataStore store)
{
    public const string ParquetFile = "production.parquet";

    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    public async Task<ProductionDatasetVersion> RecordAsync(ProductionDataset dataset, string actor, CancellationToken cancellation = default)
    {
        var fingerprint = dataset.Fingerprint();
        await using var context = store.Database.CreateContext();
        var existing = await context.ProductionDatasets.AsNoTracking().Where(r => r.Endpoint == dataset.Endpoint).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellation);
        if (existing is not null && existing.Fingerprint == fingerprint) return ToRecord(existing);
        var bytes = ProductionParquet.Bytes(dataset);
        // Pending until the row commits: a process killed in between leaves a folder the next open of the store removes.
        var pending = store.Artifacts.StorePending(folder => File.WriteAllBytes(Path.Combine(folder, ParquetFile), bytes));
        var artifact = pending.Artifact;
        var row = new ProductionDatasetRow
        {
            Endpoint = dataset.Endpoint, Version = (existing?.Version ?? 0) + 1, Since = dataset.Since, Until = dataset.Until,
            Rows = dataset.Rows.Count, LabelCountsJson = JsonSerializer.Serialize(dataset.LabelCounts), Fingerprint = fingerprint,
            ArtifactId = artifact.Id, CreatedBy = actor, CreatedAt = Clock.GetUtcNow(),
        };
        context.ProductionDatasets.Add(row);
        Audit.Add(context, actor, "production-dataset.record", $"endpoint:{dataset.Endpoint}", row.CreatedAt,
            new { before = existing?.Version, after = row.Version, rows = row.Rows, labels = dataset.LabelCounts, fingerprint, artifact = artifact.Id });
        store.Options.Reach(WritePoints.ProductionCommit);
        await context.SaveChangesAsync(cancellation);
        store.Artifacts.Release(pending);
        return ToRecord(row);
    }

    /// <summary>The endpoint's versions, newest first.</summary>
    public async Task<IReadOnlyList<ProductionDatasetVersion>> ListAsync(string endpoint, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var rows = await context.ProductionDatasets.AsNoTracking().Where(r => r.Endpoint == endpoint).OrderByDescending(r => r.Version).ToListAsync(cancellation);
        return rows.Select(ToRecord).ToList();
    }

    private static ProductionDatasetVersion ToRecord(ProductionDatasetRow row) => new(
        row.Endpoint, row.Version, row.Since, row.Until, row.Rows,
        JsonSerializer.Deserialize<Dictionary<string, int>>(row.LabelCountsJson) ?? [], row.Fingerprint, row.ArtifactId, row.CreatedBy, row.CreatedAt);
}

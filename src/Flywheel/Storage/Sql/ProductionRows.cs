using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

// The retrain part's tables: versions of an endpoint's labelled production dataset, challenger-vs-champion
// comparisons, and the approvals promotions were made on. Read and written by Operate/Production and Operate/Retraining.

internal sealed class ProductionDatasetRow
{
    public long Id { get; set; }
    public string Endpoint { get; set; } = "";
    public int Version { get; set; }
    public DateTimeOffset? Since { get; set; }
    public DateTimeOffset? Until { get; set; }
    public int Rows { get; set; }
    public string LabelCountsJson { get; set; } = "{}";
    public string Fingerprint { get; set; } = "";
    public string ArtifactId { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ModelComparisonRow
{
    public Guid Id { get; set; }
    public string UseCase { get; set; } = "";
    public string ModelName { get; set; } = "";
    public int? ChampionVersion { get; set; }
    public int ChallengerVersion { get; set; }
    public string HoldoutFingerprint { get; set; } = "";
    public double? ValuePerDayAdded { get; set; }
    public string Json { get; set; } = "{}";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PromotionApprovalRow
{
    public long Id { get; set; }
    public string ModelName { get; set; } = "";
    public int? FromVersion { get; set; }
    public int ToVersion { get; set; }
    public Guid? ComparisonId { get; set; }
    public double? ValuePerDayAdded { get; set; }
    public bool Override { get; set; }
    public string Reason { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal static class ProductionRows
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ProductionDatasetRow>(row =>
        {
            row.ToTable("production_datasets");
            row.HasKey(r => r.Id);
            row.HasIndex(r => new { r.Endpoint, r.Version }).IsUnique();
        });
        model.Entity<ModelComparisonRow>(row =>
        {
            row.ToTable("model_comparisons");
            row.HasKey(r => r.Id);
            row.HasIndex(r => new { r.ModelName, r.ChallengerVersion });
            row.HasIndex(r => r.UseCase);
        });
        model.Entity<PromotionApprovalRow>(row =>
        {
            row.ToTable("promotion_approvals");
            row.HasKey(r => r.Id);
            row.HasIndex(r => r.ModelName);
        });
    }
}

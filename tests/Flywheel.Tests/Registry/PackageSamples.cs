using System.IO.Compression;
using System.Text.Json;
using Flywheel.Registry;

namespace Flywheel.Tests.Registry;

internal static class PackageSamples
{
    /// <summary>A zip like the ones ML.NET saves, stamped with the given time.</summary>
    public static byte[] Zip(DateTimeOffset stampedAt, string content = "weights")
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry("TransformerChain/Model.key");
            entry.LastWriteTime = stampedAt;
            using var writer = new StreamWriter(entry.Open());
            writer.Write(content);
        }
        return memory.ToArray();
    }

    public static ModelPackageContent Content(string modelName = "churn", string weights = "weights", DateTimeOffset? zipTime = null) => new()
    {
        ModelName = modelName,
        Task = "binary",
        Trainer = "FastTree",
        ModelZip = Zip(zipTime ?? new DateTimeOffset(2026, 11, 24, 1, 2, 3, TimeSpan.Zero), weights),
        InputSchema =
        [
            new InputColumn("tenure", "Single", "feature"),
            new InputColumn("契約種別", "String", "feature"),
            new InputColumn("churn", "Boolean", "label"),
        ],
        LabelMapping = ["no", "yes"],
        PreprocessingPlan = JsonSerializer.SerializeToElement(new { steps = new[] { "impute:tenure:median" } }),
        DecisionPolicy = JsonSerializer.SerializeToElement(new { threshold = 0.35, reviewBand = new { low = 0.3, high = 0.5 } }),
        Metrics = JsonSerializer.SerializeToElement(new { test = new { auc = 0.8125, f1 = 0.5 }, roc = new[] { 0.0, 1.0 } }),
        TrainingDataFingerprint = "sha256:" + new string('f', 64),
        BaselineStatistics = JsonSerializer.SerializeToElement(new { tenure = new { mean = 32.4 } }),
        Seed = 1729,
        Card = new ModelCardText
        {
            IntendedUse = "解約しそうな契約者に特典を提示する。",
            BusinessValue = "12,000,000 JPY/year at the base scenario",
            Caveats = ["Trained on one region only."],
        },
    };
}

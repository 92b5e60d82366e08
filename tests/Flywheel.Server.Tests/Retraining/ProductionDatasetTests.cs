using DuckDB.NET.Data;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Production;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Storage;

namespace Flywheel.Server.Tests.Retraining;

[Collection(TrainedModelsCollection.Name)]
public class ProductionDatasetTests(TrainedModels trained)
{
    [Fact]
    public async Task Labels_join_their_captured_inputs_ground_truth_wins_then_review_then_feedback_and_the_fingerprint_is_stable()
    {
        using var folder = trained.Churn.Copy();
        var store = MetadataStore.ForUseCase(folder.Path);
        var root = store.Artifacts.Root;
        var (header, rows) = ChurnCapture.Read(folder.Path, 8);
        ChurnCapture.Write(root, "churn", "telco-churn:1", header, rows.Take(6).Select(r => r.Inputs).ToList());
        // inf-0006 is one request of two rows; a review names its second row.
        ChurnCapture.Write(root, "churn", "telco-churn:1", header, [rows[6].Inputs + "\n" + rows[7].Inputs], first: 6);
        ChurnCapture.GroundTruth(root, "churn", [(0, rows[0].Label), (1, rows[1].Label), (2, "yes")]);
        var at = ChurnCapture.Start.AddDays(3);
        var labels = new FakeHumanLabels(
            new HumanLabel("churn", "inf-0002", "no", "review", at, "alice", 1),          // ground truth says yes: it wins
            new HumanLabel("churn", "inf-0003", "yes", "review", at, "alice", 1),
            new HumanLabel("churn", "inf-0003", "no", "feedback", at.AddHours(1), "app"), // review wins over a later feedback
            new HumanLabel("churn", "inf-0004", "no", "feedback", at, "app"),
            new HumanLabel("churn", "inf-0004", "yes", "feedback", at.AddHours(2), "app"), // the newer feedback wins
            new HumanLabel("churn", "inf-0005", "maybe", "feedback", at, "app"),          // not a class: skipped
            new HumanLabel("churn", "inf-0006#1", "yes", "review", at, "bob", 0.5));

        var builder = new ProductionDatasetBuilder(store, new CaptureReader(root), labels);
        var dataset = await builder.BuildAsync("churn", null, null);

        Assert.Equal(["inf-0000", "inf-0001", "inf-0002", "inf-0003", "inf-0004", "inf-0006"], dataset.Rows.Select(r => r.InferenceId));
        Assert.Equal([rows[0].Label, rows[1].Label, "yes", "yes", "yes", "yes"], dataset.Rows.Select(r => r.Label));
        Assert.Equal(["ground_truth", "ground_truth", "ground_truth", "review", "feedback", "review"], dataset.Rows.Select(r => r.Source));
        Assert.Equal(1, dataset.Rows[^1].Row);
        Assert.Equal(new Dictionary<string, int> { ["ground_truth"] = 3, ["review"] = 2, ["feedback"] = 1 }, dataset.LabelCounts);
        Assert.Equal(new ProductionSkips(Unlabelled: 1, Undecodable: 0, RejectedLabels: 1, AmbiguousLabels: 0), dataset.Skips);
        Assert.Equal("churn", dataset.Target);
        var minutes = dataset.Columns.ToList().FindIndex(c => c.Name == "total_day_minutes");
        Assert.Equal(265.1, dataset.Rows[0].Numbers[minutes]);   // the first data row of mlc_churn.csv
        Assert.Equal(ChurnCapture.Start.AddHours(3), dataset.Rows[3].InferenceTime);
        Assert.All(dataset.Rows, r => Assert.Equal("telco-churn:1", r.ModelVersion));

        var again = await new ProductionDatasetBuilder(store, new CaptureReader(root), labels).BuildAsync("churn", null, null);
        Assert.Equal(dataset.Fingerprint(), again.Fingerprint());
        Assert.Matches("^[0-9a-f]{64}$", dataset.Fingerprint());
        var fewer = await new ProductionDatasetBuilder(store, new CaptureReader(root), null).BuildAsync("churn", null, null);
        Assert.Equal(3, fewer.Rows.Count);
        Assert.NotEqual(dataset.Fingerprint(), fewer.Fingerprint());
        var windowed = await builder.BuildAsync("churn", ChurnCapture.Start.AddHours(2), ChurnCapture.Start.AddHours(4));
        Assert.Equal(["inf-0002", "inf-0003"], windowed.Rows.Select(r => r.InferenceId));

        var versions = new ProductionDatasets(store);
        var first = await versions.RecordAsync(dataset, "test");
        Assert.Equal(1, first.Version);
        var same = await versions.RecordAsync(again, "test");
        Assert.Equal((first.Version, first.Fingerprint, first.ArtifactId), (same.Version, same.Fingerprint, same.ArtifactId));   // same content: the same version
        Assert.Equal(2, (await versions.RecordAsync(fewer, "test")).Version);
        Assert.True(store.Artifacts.Contains(first.ArtifactId));
        Assert.Contains(await store.AuditTrailAsync("endpoint:churn"), e => e.Action == "production-dataset.record");

        var parquet = Path.Combine(folder.Path, "out", "production.parquet");
        ProductionParquet.Write(dataset, parquet);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT churn, _inference_id, _label_source, _model_version, total_day_minutes, state FROM read_parquet('{parquet}') ORDER BY _inference_time, _inference_id";
        using var reader = command.ExecuteReader();
        var read = new List<(string, string, string, string, double, string)>();
        while (reader.Read()) read.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4), reader.GetString(5)));
        Assert.Equal(6, read.Count);
        Assert.Equal((rows[0].Label, "inf-0000", "ground_truth", "telco-churn:1", 265.1, "KS"), read[0]);
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(parquet)!), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}

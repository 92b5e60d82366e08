using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Monitoring;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Tests.Operate.Capture;
using Flywheel.Tests.Workflows;
using Flywheel.UseCases;
using Flywheel.Workflows.Baselines;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>The engine over a capture the trained churn model answered: the package's baseline, a package without one, the report's JSON contract.</summary>
[Collection(ChurnModelCollection.Name)]
public sealed class MonitoringEngineTests(ChurnModel churn)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_package_carries_the_baseline_of_its_training_rows()
    {
        var package = ModelPackage.Open(churn.Outcome.PackageDirectory);
        var names = package.Manifest.Attachments.Select(a => a.File).ToList();
        Assert.Subset(names.ToHashSet(), new HashSet<string> { BaselineFiles.Statistics, BaselineFiles.Constraints, BaselineFiles.Reference, BaselineFiles.Predictions });
        Assert.NotNull(package.Manifest.BaselineStatistics);
        using var statistics = JsonDocument.Parse(File.ReadAllBytes(package.AttachmentPath(BaselineFiles.Statistics)));
        Assert.Equal(churn.Outcome.Record.Rows["train"], statistics.RootElement.GetProperty("dataset").GetProperty("item_count").GetInt64());
        Assert.Equal(package.Manifest.InputSchema.Count, statistics.RootElement.GetProperty("features").GetArrayLength());
        var baseline = Flywheel.Operate.Monitoring.Baselines.MonitoringBaseline.Load(package)!;
        Assert.Equal(750, baseline.Predictions.Rows); // the test split's scores and decisions
        Assert.Equal(churn.Outcome.Record.Rows["train"], baseline.ReferenceRows);
    }

    [Fact]
    public async Task A_package_without_a_baseline_is_monitored_with_a_clear_notice_and_still_measures_quality()
    {
        using var root = new CaptureRoot();
        var store = MetadataStore.ForUseCase(root.Path, new StoreOptions { ArtifactRoot = Path.Combine(root.Path, "artifacts") });
        var old = await RegisterWithoutBaselineAsync(store);
        var useCase = UseCaseLoader.Load(churn.Folder.Path);
        await CaptureAsync(root, old, truthEvery: 1);

        var report = await new MonitoringEngine(store, new CaptureReader(root.Path)).RunAsync(new MonitoringRequest("churn", useCase, Start, Start.AddDays(1)));

        Assert.False(report.HasBaseline);
        Assert.Contains(report.Notices, n => n.StartsWith("no baseline:", StringComparison.Ordinal));
        Assert.Empty(report.Drift);
        Assert.Equal(40, report.Window.Rows);
        Assert.Equal(40, report.Quality!.Rows);
        Assert.NotNull(report.RealizedValue);
        Assert.Equal("JPY", report.RealizedValue!.Currency);
    }

    // Reaches DriftDetector and AttributionRanking: passes once the stats part is merged.
    [Fact]
    public async Task The_report_serializes_with_the_issue_contract_names_and_no_ground_truth_means_no_quality()
    {
        using var root = new CaptureRoot();
        var store = MetadataStore.ForUseCase(churn.Folder.Path);
        await CaptureAsync(root, churn.Outcome.Version, truthEvery: 0);

        var report = await new MonitoringEngine(store, new CaptureReader(root.Path)).RunAsync(
            new MonitoringRequest("churn", UseCaseLoader.Load(churn.Folder.Path), Start, Start.AddDays(1)));
        using var json = JsonDocument.Parse(MonitoringJson.Serialize(report));
        var r = json.RootElement;

        Assert.True(report.HasBaseline);
        Assert.Null(report.Quality);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("quality").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("realizedValue").ValueKind);
        Assert.Equal(40, r.GetProperty("window").GetProperty("rows").GetInt64());
        Assert.True(r.GetProperty("window").TryGetProperty("from", out _) && r.GetProperty("window").TryGetProperty("to", out _));
        var drift = r.GetProperty("drift")[0];
        foreach (var name in new[] { "feature", "method", "statistic", "pValue", "drifted" }) Assert.True(drift.TryGetProperty(name, out _), name);
        Assert.True(r.GetProperty("datasetDrift").TryGetProperty("share", out _) && r.GetProperty("datasetDrift").TryGetProperty("drifted", out _));
        Assert.Equal(JsonValueKind.Array, r.GetProperty("violations").ValueKind);
        Assert.Equal(JsonValueKind.Array, r.GetProperty("alerts").ValueKind);
        Assert.Contains(report.Drift, d => d.Feature == "prediction");
    }

    [Fact]
    public async Task A_window_below_min_rows_gets_no_drift_verdict_and_its_few_labels_raise_no_quality_alert()
    {
        using var root = new CaptureRoot();
        var store = MetadataStore.ForUseCase(churn.Folder.Path);
        var useCase = UseCaseLoader.Load(churn.Folder.Path);
        await CaptureAsync(root, churn.Outcome.Version, truthEvery: 1, requests: 12);

        var report = await new MonitoringEngine(store, new CaptureReader(root.Path)).RunAsync(new MonitoringRequest("churn", useCase, Start, Start.AddDays(1)));

        Assert.Equal(12, report.Window.Rows);
        Assert.Empty(report.Drift);
        Assert.False(report.DatasetDrift.Drifted);
        Assert.Null(report.Attribution);
        Assert.Contains(report.Notices, n => n.StartsWith("too few rows: the window has 12", StringComparison.Ordinal));
        Assert.Contains(report.Notices, n => n.StartsWith("too few labels: 12 labelled rows", StringComparison.Ordinal));
        Assert.Equal(12, report.Quality!.Rows); // still measured and shown
        Assert.DoesNotContain(report.Violations, v => v.Check is CheckTypes.BaselineDrift or CheckTypes.ModelQuality or CheckTypes.RealizedValue);
        Assert.DoesNotContain(Flywheel.Operate.Monitoring.Alerts.AlertRules.From(report, useCase),
            a => a.Check is CheckTypes.BaselineDrift or CheckTypes.DatasetDrift or CheckTypes.ModelQuality or CheckTypes.RealizedValue);
    }

    /// <summary>Single-row requests (40 by default) from the churn data, scored by the package as the server would, one a minute; ground truth for every n-th.</summary>
    private async Task CaptureAsync(CaptureRoot root, string version, int truthEvery, int requests = 40)
    {
        var package = (await new ModelCatalog(MetadataStore.ForUseCase(churn.Folder.Path)).ResolveAsync(churn.Outcome.Version)).Package;
        var model = new LoadedModel(ScoringModel.Load(package), version, package.Id, 1);
        var lines = File.ReadAllLines(churn.Folder.File("data/mlc_churn.csv"));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToList();
        var positions = model.Spec.Inputs.Select(input => header.IndexOf(input.Name)).ToArray();
        var target = header.IndexOf("churn");
        var writer = new CaptureWriter(root.Options());
        writer.Start();
        var truths = new List<Flywheel.Operate.GroundTruth.GroundTruthRecord>();
        for (var i = 0; i < requests; i++)
        {
            var fields = lines[i + 1].Split(',');
            var body = string.Join(",", positions.Select(p => fields[p])) + "\n";
            var rows = RequestDecoder.Decode(model.Spec, RequestDecoder.Csv, body, 10).Rows;
            var answer = ResponseEncoder.Encode(model.Spec, model.Score(rows, 0), $"inf-{i}", RequestDecoder.Json);
            while (!writer.Offer(new CaptureEvent("churn", "primary", version, $"inf-{i}", $"evt-{i}", Start.AddMinutes(i), "text/csv", body, "application/json", answer, TimeSpan.FromMilliseconds(1))))
                await Task.Delay(1);
            if (truthEvery > 0 && i % truthEvery == 0) truths.Add(new Flywheel.Operate.GroundTruth.GroundTruthRecord($"inf-{i}", fields[target].Trim('"'), "CSV"));
        }
        await writer.CompleteAsync();
        if (truths.Count > 0) new Flywheel.Operate.GroundTruth.GroundTruthStore(root.Path, TimeProvider.System).Append("churn", truths);
    }

    /// <summary>The churn package written again without its baseline attachments (as packages were before baselines), registered in another store.</summary>
    private async Task<string> RegisterWithoutBaselineAsync(MetadataStore store)
    {
        var package = ModelPackage.Open(churn.Outcome.PackageDirectory);
        var m = package.Manifest;
        var content = new ModelPackageContent
        {
            ModelName = m.ModelName, Task = m.Task, Trainer = m.Trainer, ModelZip = File.ReadAllBytes(package.ModelZipPath), InputSchema = m.InputSchema,
            LabelMapping = m.LabelMapping, PreprocessingPlan = m.PreprocessingPlan, DecisionPolicy = m.DecisionPolicy, Metrics = m.Metrics,
            TrainingDataFingerprint = m.TrainingDataFingerprint, Seed = m.Seed, InputDialect = m.InputDialect,
        };
        var (_, published) = await new ModelCatalog(store).PublishAsync(content, "test", "candidate", null);
        return $"{published.Version.ModelName}:{published.Version.Version}";
    }
}

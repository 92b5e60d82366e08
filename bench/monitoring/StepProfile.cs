using System.Diagnostics;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Drift;
using Flywheel.Operate.Monitoring.Quality;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Bench.Monitoring;

/// <summary>
/// Where the monitoring job's time goes: the steps <c>MonitoringEngine.RunAsync</c> takes over the benchmark's window
/// (read the capture with DuckDB, decode the requests and responses into columns, load the baseline, the data-quality
/// checks, drift, attribution), each timed on its own. Not the measurement (run.sh measures <c>flywheel monitor</c>).
/// </summary>
internal static class StepProfile
{
    public static async Task<int> RunAsync(string useCaseFolder)
    {
        var total = Stopwatch.StartNew();
        var useCase = UseCaseLoader.Load(useCaseFolder);
        var store = MetadataStore.ForUseCase(useCaseFolder);
        var monitoring = useCase.MonitoringOrDefault;
        var package = (await new ModelCatalog(store).ResolveAsync(useCase.Name)).Package;
        var spec = ServingSpec.FromManifest(package.Manifest, package.Path);
        var query = new CaptureQuery(BenchWindow.Endpoint) { Since = BenchWindow.From, Until = BenchWindow.To, WithGroundTruth = true };
        var reader = new CaptureReader(store.Artifacts.Root);

        Step("newest version (1st read)", () => reader.Read(query with { NewestFirst = true, Limit = 50, WithGroundTruth = false }).ToList());
        var records = Step("read capture alone (DuckDB)", () => reader.Read(query).ToList());
        Step("decode alone", () => WindowDecoder.Decode(spec, records));
        records.Clear();
        var window = Step("read + decode, overlapped", () => WindowDecoder.Decode(spec, reader.Read(query)));
        var baseline = Step("load baseline", () => MonitoringBaseline.Load(package)!);
        Step("data-quality checks", () => DataQualityChecks.Check(window, baseline.Constraints, monitoring, new HashSet<string>()));
        Step("drift (all columns)", () => DriftStep.Run(window, baseline, DriftSettings.From(monitoring), CancellationToken.None));
        var model = new LoadedModel(ScoringModel.Load(package), useCase.Name, package.Id, 1);
        Step("attribution", () => AttributionStep.Run(model, window, baseline, monitoring, 42));
        Console.Error.WriteLine($"  {"in all",-30} {total.Elapsed.TotalSeconds,7:0.000} s ({window.Requests.Count:N0} requests, {window.Count:N0} rows; the engine runs every step but the two marked alone)");
        return 0;
    }

    private static T Step<T>(string name, Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        Console.Error.WriteLine($"  {name,-30} {clock.Elapsed.TotalSeconds,7:0.000} s");
        return result;
    }
}

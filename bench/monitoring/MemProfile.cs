using System.Diagnostics;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Drift;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Bench.Monitoring;

/// <summary>
/// Where the monitoring job's memory goes: the engine's steps over the benchmark's window, with the process's resident
/// and peak memory the GC heap and the bytes allocated so far after each (what the heap holds vs what DuckDB and the runtime hold). Not the
/// measurement (run.sh measures <c>flywheel monitor</c> with /usr/bin/time).
/// </summary>
internal static class MemProfile
{
    public static async Task<int> RunAsync(string useCaseFolder)
    {
        Mem("start");
        var useCase = UseCaseLoader.Load(useCaseFolder);
        var store = MetadataStore.ForUseCase(useCaseFolder);
        var monitoring = useCase.MonitoringOrDefault;
        var package = (await new ModelCatalog(store).ResolveAsync(useCase.Name)).Package;
        var spec = ServingSpec.FromManifest(package.Manifest, package.Path);
        Mem("store+package");
        var query = new CaptureQuery(BenchWindow.Endpoint) { Since = BenchWindow.From, Until = BenchWindow.To, WithGroundTruth = true };
        var reader = new CaptureReader(store.Artifacts.Root);
        var records = 0;
        foreach (var _ in reader.Read(query)) records++;
        Mem($"read alone ({records:N0} records)");
        var window = WindowDecoder.Decode(spec, reader.Read(query));
        Mem($"decoded ({window.Count:N0} rows)");
        var baseline = MonitoringBaseline.Load(package)!;
        Mem("baseline");
        Flywheel.Operate.Monitoring.Quality.DataQualityChecks.Check(window, baseline.Constraints, monitoring, new HashSet<string>());
        Mem("data quality");
        DriftStep.Run(window, baseline, DriftSettings.From(monitoring), CancellationToken.None);
        Mem("drift");
        GC.KeepAlive(window);
        return 0;
    }

    static void Mem(string step)
    {
        var p = Process.GetCurrentProcess();
        p.Refresh();
        var info = GC.GetGCMemoryInfo();
        Console.Error.WriteLine($"  {step,-32} RSS {p.WorkingSet64 >> 20,5} MB, peak {p.PeakWorkingSet64 >> 20,5} MB; GC heap {info.HeapSizeBytes >> 20,5} MB, committed {info.TotalCommittedBytes >> 20,5} MB; allocated so far {GC.GetTotalAllocatedBytes(true) >> 20,6} MB");
    }
}

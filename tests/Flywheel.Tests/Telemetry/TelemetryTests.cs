using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Flywheel.Catalogs;
using Flywheel.Telemetry;
using Flywheel.Tests.Workflows;
using Microsoft.Extensions.Logging;

namespace Flywheel.Tests.Telemetry;

[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// A small train through the FlywheelContext, watched the way a host would: an ActivityListener sees the spans, a
/// MeterListener the measurements, a logger the lines. Runs alone, so the meter's totals are this test's.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-telemetry-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_small_train_emits_spans_measurements_and_log_lines()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlywheelTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? Trainer)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FlywheelTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Trainer(tags))));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Trainer(tags))));
        meters.Start();
        var logs = new RecordingLoggerFactory();

        var flywheel = FlywheelContext.CreateBuilder(_folder).UseLoggerFactory(logs).UseSeed(3).Build();
        var trained = await flywheel.Training.TrainAsync(UseCaseFolder.Repo("samples/penguins/data/penguins.csv"), "species",
            new TrainingOptions { Name = "penguins", MaxTrials = 2, Budget = TimeSpan.FromMinutes(5), Trainers = ["LightGbm", "Lbfgs"], Importance = false });
        meters.RecordObservableInstruments();

        var trials = trained.Record.Trials.Count;
        Assert.Equal(2, trials);
        var names = spans.Select(span => span.OperationName).ToList();
        Assert.Equal(trials, names.Count(name => name == FlywheelTelemetry.Spans.Trial));
        foreach (var expected in new[] { FlywheelTelemetry.Spans.Load, FlywheelTelemetry.Spans.Search, FlywheelTelemetry.Spans.Refit, FlywheelTelemetry.Spans.Publish, FlywheelTelemetry.Spans.Train })
            Assert.Contains(expected, names);
        // Trials are children of the search, the search of the train span.
        var train = spans.Single(span => span.OperationName == FlywheelTelemetry.Spans.Train);
        var search = spans.Single(span => span.OperationName == FlywheelTelemetry.Spans.Search);
        Assert.Equal(train.SpanId, search.ParentSpanId);
        Assert.All(spans.Where(span => span.OperationName == FlywheelTelemetry.Spans.Trial), trial => Assert.Equal(search.SpanId, trial.ParentSpanId));
        Assert.Equal(new[] { "LightGbm", "Lbfgs" }, spans.Where(span => span.OperationName == FlywheelTelemetry.Spans.Trial).Select(span => span.GetTagItem("flywheel.trainer")));
        // The load span carries what was loaded: penguins.csv has 344 rows and 8 columns.
        var load = spans.First(span => span.OperationName == FlywheelTelemetry.Spans.Load);
        Assert.Equal(344L, load.GetTagItem("flywheel.rows"));
        Assert.Equal(8, load.GetTagItem("flywheel.columns"));

        Assert.Equal(trials, measurements.Where(m => m.Instrument == "flywheel.training.trials").Sum(m => m.Value));
        var durations = measurements.Where(m => m.Instrument == "flywheel.training.trial.duration").ToList();
        Assert.Equal(trained.Record.Trials.Select(t => t.Trainer), durations.Select(d => d.Trainer));
        Assert.All(durations, d => Assert.True(d.Value > 0));
        Assert.Equal(344, measurements.Where(m => m.Instrument == "flywheel.data.rows_loaded").Sum(m => m.Value));

        var lines = logs.Lines;
        Assert.Contains(lines, line => line.Category == "Flywheel.Data" && line.Level == LogLevel.Information && line.Message.StartsWith("loaded 344 rows × 8 columns from ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Message.StartsWith("trial 1 LightGbm: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Message.StartsWith("trial 2 Lbfgs: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Message.StartsWith("refitting ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Message == $"published {trained.Version} ({trained.PackageId}) as @candidate");
    }

    [Fact]
    public async Task Scoring_a_file_counts_its_rows_in_a_span_and_on_the_meter()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).UseSeed(3).Build();
        await flywheel.Training.TrainAsync(UseCaseFolder.Repo("samples/penguins/data/penguins.csv"), "species",
            new TrainingOptions { Name = "penguins", MaxTrials = 1, Trainers = ["Lbfgs"], Importance = false, Ensemble = false });
        var model = await flywheel.Serving.LoadAsync("penguins@candidate");

        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlywheelTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        long scored = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "flywheel.serving.rows_scored") listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref scored, value));
        meters.Start();

        var summary = flywheel.Serving.ScoreFile(model, UseCaseFolder.Repo("samples/penguins/data/penguins.csv"), Path.Combine(_folder, "scored.csv"));

        Assert.Equal(344, summary.Rows);
        Assert.Equal(344, Interlocked.Read(ref scored));
        var span = Assert.Single(spans, s => s.OperationName == FlywheelTelemetry.Spans.Score);
        Assert.Equal(344L, span.GetTagItem("flywheel.rows"));
    }

    private static string? Trainer(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
            if (key == "flywheel.trainer") return value as string;
        return null;
    }
}

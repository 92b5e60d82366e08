using System.Diagnostics;
using Flywheel.Operate.Capture;
using Flywheel.Operate.GroundTruth;
using Flywheel.Operate.Inference;

namespace Flywheel.Operate.Simulation;

/// <summary>
/// Runs simulated traffic through an endpoint in this process, over simulated time: each request is scored as the
/// server scores it (<see cref="Invoker"/>, the variant drawn by weight, the shadow too), encoded as the server answers
/// JSON, and written by the capture writer's file set into the hour of its simulated time, sampled by the endpoint's
/// capture share as the server samples. Labels are written by the <see cref="GroundTruthStore"/> in hourly deliveries,
/// each stamped with the time its last label fell due; those not due by <see cref="SimulationSettings.Until"/> are not written.
/// </summary>
public sealed class InProcessSimulation(EndpointState endpoint, string artifactRoot)
{
    public SimulationSummary Run(Traffic traffic, SimulationSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var clock = new SimulatedClock(settings.Until);
        var groundTruth = new GroundTruthStore(artifactRoot, clock);
        var labels = new LabelQueue();
        var draws = new Random(settings.Seed);
        var models = new SortedSet<string>(StringComparer.Ordinal);
        var days = new List<DaySummary>();
        long captured = 0;
        using (var files = new CaptureFileSet(new CaptureOptions { Root = artifactRoot }.Checked()))
        {
            foreach (var day in traffic.Days())
            {
                foreach (var request in day.Requests)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var (model, written) = Invoke(files, request, draws);
                    models.Add(model);
                    captured += written;
                }
                files.Flush(day.To);
                labels.Add(day);
                Deliver(groundTruth, clock, labels.TakeDue(day.To));
                days.Add(DaySummary.Of(day));
                progress?.Report((double)day.Day / settings.Days);
            }
        }
        return new SimulationSummary(endpoint.Name, SimulationMode.InProcess, null, models.ToList(), settings.DayStart(1), settings.Until, settings.Seed,
            DriftSummary.Of(settings), days.Select(d => d with { LabelsSent = labels.SentOf(d.Day) }).ToList())
        { Captured = captured };
    }

    private (string Model, int Written) Invoke(CaptureFileSet files, SimulatedRequest request, Random draws)
    {
        var started = Stopwatch.GetTimestamp();
        var invocation = new InvocationRequest(RequestDecoder.Json, request.Body);
        var result = Invoker.Invoke(endpoint, invocation, draws.NextDouble());
        var output = ResponseEncoder.Encode(result.Model.Spec, result.Predictions, request.InferenceId, RequestDecoder.Json);
        var latency = Stopwatch.GetElapsedTime(started);
        if (!endpoint.Definition.Captures(draws)) return (result.Model.Reference, 0);
        files.Write(new CaptureEvent(endpoint.Name, result.Variant.Variant.Name, result.Model.Reference, request.InferenceId, request.EventId, request.Time,
            RequestDecoder.Json, request.Body, RequestDecoder.Json, output, latency));
        if (Invoker.Shadow(endpoint, invocation) is var (shadow, predictions))
            files.Write(new CaptureEvent(endpoint.Name, endpoint.Shadow!.Variant.Name, shadow.Reference, request.InferenceId, request.EventId + "-shadow", request.Time,
                RequestDecoder.Json, request.Body, RequestDecoder.Json, ResponseEncoder.Encode(shadow.Spec, predictions, request.InferenceId, RequestDecoder.Json),
                latency, Shadow: true));
        return (result.Model.Reference, 1);
    }

    // One ground-truth file per hour of arrival, received when its last label fell due.
    private void Deliver(GroundTruthStore store, SimulatedClock clock, IReadOnlyList<SimulatedRequest> due)
    {
        foreach (var hour in due.GroupBy(r => HourOf(r.LabelDue!.Value)))
        {
            clock.Now = hour.Max(r => r.LabelDue!.Value);
            store.Append(endpoint.Name, hour.Select(r => new GroundTruthRecord(r.InferenceId, r.Outcome, CaptureRecordFormat.Csv)).ToList());
        }
    }

    private static DateTimeOffset HourOf(DateTimeOffset time) => new(time.UtcDateTime.Date.AddHours(time.UtcDateTime.Hour), TimeSpan.Zero);
}

/// <summary>A clock that says what it is told: the simulated moment a label delivery is received.</summary>
internal sealed class SimulatedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

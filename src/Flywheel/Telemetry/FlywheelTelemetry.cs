using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Flywheel.Telemetry;

/// <summary>
/// The library's spans and instruments, both named <see cref="Name"/>: a host subscribes with OpenTelemetry
/// (<c>AddSource("Flywheel")</c>, <c>AddMeter("Flywheel")</c>) or an <see cref="ActivityListener"/> /
/// <see cref="MeterListener"/>. Static by design, as the .NET guidance has it: a source and a meter hold no state of
/// their own and cost nothing until someone listens.
/// </summary>
public static class FlywheelTelemetry
{
    public const string Name = "Flywheel";

    /// <summary>Span names, one per long operation.</summary>
    public static class Spans
    {
        public const string Load = "flywheel.data.load";
        public const string Profile = "flywheel.data.profile";
        public const string Train = "flywheel.train";
        public const string Search = "flywheel.training.search";
        public const string Trial = "flywheel.training.trial";
        public const string Refit = "flywheel.training.refit";
        public const string Importance = "flywheel.evaluation.importance";
        public const string Publish = "flywheel.registry.publish";
        public const string Score = "flywheel.serving.score";
    }

    private static readonly string? Version = typeof(FlywheelTelemetry).Assembly.GetName().Version?.ToString();

    public static ActivitySource Source { get; } = new(Name, Version);

    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Trials run by the model search, tagged with the trainer and whether the trial succeeded.</summary>
    public static Counter<long> Trials { get; } = Meter.CreateCounter<long>("flywheel.training.trials", "{trial}", "trials run by the model search");

    public static Histogram<double> TrialDuration { get; } = Meter.CreateHistogram<double>("flywheel.training.trial.duration", "s", "wall time of one trial (fit and validation)");

    public static Counter<long> RowsLoaded { get; } = Meter.CreateCounter<long>("flywheel.data.rows_loaded", "{row}", "rows of data files opened");

    public static Counter<long> RowsScored { get; } = Meter.CreateCounter<long>("flywheel.serving.rows_scored", "{row}", "rows scored by a model");

    /// <summary>Starts a span for a long operation; null when nobody listens.</summary>
    public static Activity? Start(string name, string? tag = null, object? value = null)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (tag is not null) activity?.SetTag(tag, value);
        return activity;
    }

    /// <summary>Marks a span failed or cancelled by the exception that ended it (call from a catch that rethrows).</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, error is OperationCanceledException ? "cancelled" : error.GetType().Name);
        activity.SetTag("flywheel.cancelled", error is OperationCanceledException);
    }
}

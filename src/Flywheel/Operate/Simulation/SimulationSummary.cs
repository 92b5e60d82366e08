namespace Flywheel.Operate.Simulation;

/// <summary>
/// What a simulation sent: per day the requests, the labelled ones and the labels delivered by the end, the drifts'
/// intensity and each drifted feature's mean (numbers) or level share (categories) as sent.
/// </summary>
public sealed record SimulationSummary(string Endpoint, SimulationMode Mode, string? Url, IReadOnlyList<string> Models, DateTimeOffset From, DateTimeOffset Until,
    int Seed, IReadOnlyList<DriftSummary> Drifts, IReadOnlyList<DaySummary> Days)
{
    public long Requests => Days.Sum(d => (long)d.Requests);

    /// <summary>Requests written to the capture (in process; the server's capture share may sample some out). Over HTTP the server captures.</summary>
    public long? Captured { get; init; }

    public long LabelsSent => Days.Sum(d => (long)d.LabelsSent);

    /// <summary>Labels whose delay had not elapsed by <see cref="Until"/>: never sent.</summary>
    public long LabelsPending => Days.Sum(d => (long)(d.Labelled - d.LabelsSent));
}

public enum SimulationMode
{
    /// <summary>Scored in this process over simulated time, written to the capture as the server writes it.</summary>
    InProcess,
    /// <summary>Sent to a running server, which stamps the times.</summary>
    Http,
}

public sealed record DriftSummary(string Feature, string Spec, DriftKind Kind, int FromDay)
{
    internal static IReadOnlyList<DriftSummary> Of(SimulationSettings settings) =>
        settings.Drifts.Select(d => new DriftSummary(d.Feature, d.Text[(d.Text.IndexOf('=') + 1)..].Trim(), d.Kind, settings.FirstDriftedDay)).ToList();
}

public sealed record DaySummary(int Day, DateTimeOffset From, DateTimeOffset To, int Requests, int Labelled, int LabelsSent, double Intensity,
    IReadOnlyDictionary<string, double?> Drifted)
{
    /// <summary>The day as drawn; <see cref="LabelsSent"/> is known only when the run ends (a label arrives days later).</summary>
    internal static DaySummary Of(SimulatedDay day) => new(day.Day, day.From, day.To, day.Requests.Count, day.Requests.Count(r => r.LabelDue is not null), 0,
        day.Intensity, day.DriftedValues.ToDictionary(p => p.Key, p => double.IsNaN(p.Value) ? (double?)null : p.Value, StringComparer.Ordinal));
}

namespace Flywheel.Operate.Capture;

/// <summary>
/// Which captured records to read: an endpoint's, inferred in [<see cref="Since"/>, <see cref="Until"/>) (UTC; open
/// ends when null), of one variant or all, joined with the ground truth posted for them, oldest first or the newest
/// <see cref="Limit"/>.
/// </summary>
public sealed record CaptureQuery(string Endpoint)
{
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public string? Variant { get; init; }
    public int? Limit { get; init; }
    public bool NewestFirst { get; init; }
    public bool WithGroundTruth { get; init; }

    /// <summary>Only the records of this inference id (or event id, when a record has no inference id).</summary>
    public string? InferenceId { get; init; }
}

/// <summary>
/// One captured invocation as monitoring reads it. <see cref="GroundTruth"/> is the label posted for it (matched by
/// inference id, else event id; the latest post wins), null when none was posted or not asked for.
/// </summary>
public sealed record CapturedRecord(
    string InferenceId,
    string EventId,
    DateTimeOffset Time,
    string Variant,
    string ModelVersion,
    string InputData,
    string InputEncoding,
    string OutputData,
    string OutputEncoding,
    double LatencyMs,
    bool Shadow,
    string? GroundTruth);

/// <summary>A captured invocation without its request and response: what counting usage and labels needs.</summary>
public sealed record CapturedOutline(string InferenceId, DateTimeOffset Time, string ModelVersion, bool Shadow, bool HasGroundTruth);

/// <summary>How many records one variant captured in one hour (UTC).</summary>
public sealed record CaptureHourCount(DateTimeOffset Hour, string Variant, long Records);

/// <summary>The capture files of an endpoint on disk, whoever wrote them.</summary>
public sealed record CaptureFileSummary(int Files, long Bytes);

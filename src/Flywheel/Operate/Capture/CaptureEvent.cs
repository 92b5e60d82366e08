namespace Flywheel.Operate.Capture;

/// <summary>
/// One captured invocation, as the request path hands it over (the writer turns it into Model Monitor's capture
/// record): the request body and its content type, the response body and its content type, the ids, the time, the
/// model version and variant that answered, and the latency. One event per request, whatever its row count.
/// </summary>
public sealed record CaptureEvent(
    string Endpoint,
    string Variant,
    string ModelVersion,
    string InferenceId,
    string EventId,
    DateTimeOffset InferenceTime,
    string InputContentType,
    string InputData,
    string OutputContentType,
    string OutputData,
    TimeSpan Latency,
    bool Shadow = false,
    string? CustomAttributes = null);

/// <summary>
/// Where the request path drops capture events: never blocks and never throws; false when the event was not taken
/// (sampled out, or the buffer was full and it was counted as dropped).
/// </summary>
public interface ICaptureSink
{
    bool Offer(CaptureEvent captured);
}

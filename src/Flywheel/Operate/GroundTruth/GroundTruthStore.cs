using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Storage;

namespace Flywheel.Operate.GroundTruth;

/// <summary>
/// Stores posted ground truth beside the capture, in Model Monitor's ground-truth record format, one file per request
/// written atomically (a reader sees all of a request's labels or none):
/// <c>&lt;root&gt;/ground-truth/&lt;endpoint&gt;/yyyy/mm/dd/hh/&lt;yyyymmddThhmmss&gt;-&lt;writer&gt;-&lt;n&gt;.jsonl</c>, the hour
/// of receipt (UTC). Each record carries <c>flywheel.receivedTime</c>, so the latest label of an id wins.
/// </summary>
public sealed class GroundTruthStore(string root, TimeProvider clock, string? writerId = null)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _writerId = writerId ?? CapturePaths.NewWriterId();
    private long _sequence;

    /// <summary>Writes <paramref name="records"/> for <paramref name="endpoint"/>; returns the file written.</summary>
    public string Append(string endpoint, IReadOnlyList<GroundTruthRecord> records)
    {
        var now = clock.GetUtcNow();
        var folder = CapturePaths.HourFolder(CapturePaths.GroundTruthEndpointFolder(root, endpoint), now);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, CapturePaths.FileName(now, $"{_writerId}-{Interlocked.Increment(ref _sequence)}"));
        var received = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var content = new ArrayBufferWriter<byte>(records.Count * 128);
        foreach (var record in records)
        {
            using (var json = new Utf8JsonWriter(content, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteStartObject("groundTruthData");
                json.WriteString("data", record.Data);
                json.WriteString("encoding", record.Encoding);
                json.WriteEndObject();
                json.WriteStartObject("eventMetadata");
                json.WriteString("eventId", record.EventId);
                json.WriteEndObject();
                json.WriteString("eventVersion", "0");
                json.WriteStartObject("flywheel");
                json.WriteString("receivedTime", received);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            content.Write("\n"u8);
        }
        AtomicFile.WriteAllBytes(path, content.WrittenSpan.ToArray());
        return path;
    }
}

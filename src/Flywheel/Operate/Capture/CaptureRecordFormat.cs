using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flywheel.Operate.Capture;

/// <summary>
/// One capture event as one line of Model Monitor's capture record:
/// <c>{"captureData":{"endpointInput":{"observedContentType","mode":"INPUT","data","encoding"},"endpointOutput":{…,"mode":"OUTPUT"}},
/// "eventMetadata":{"eventId","inferenceId","inferenceTime"},"eventVersion":"0","flywheel":{…}}</c>.
/// Encoding follows the content type as SageMaker's capture does: CSV types <c>CSV</c>, JSON and JSON Lines <c>JSON</c>,
/// anything else <c>BASE64</c> (the data's UTF-8 bytes, base64-encoded). Flywheel's own fields sit in <c>flywheel</c>
/// (endpoint, variant, modelVersion, latencyMs, shadow, customAttributes), which Model Monitor's readers ignore.
/// </summary>
public static class CaptureRecordFormat
{
    public const string Csv = "CSV";
    public const string Json = "JSON";
    public const string Base64 = "BASE64";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Model Monitor encoding of data of <paramref name="contentType"/>.</summary>
    public static string EncodingOf(string? contentType)
    {
        var media = (contentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
        return media switch
        {
            "text/csv" or "application/csv" or "text/x-csv" => Csv,
            "application/json" or "application/jsonlines" or "application/x-jsonlines" or "application/jsonl" or "application/x-ndjson" or "text/json" => Json,
            _ when media.EndsWith("+json", StringComparison.Ordinal) => Json,
            _ => Base64,
        };
    }

    /// <summary>Appends the record of <paramref name="captured"/> and a newline to <paramref name="output"/>.</summary>
    public static void Write(CaptureEvent captured, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("captureData");
            WriteData(json, "endpointInput", "INPUT", captured.InputContentType, captured.InputData);
            WriteData(json, "endpointOutput", "OUTPUT", captured.OutputContentType, captured.OutputData);
            json.WriteEndObject();
            json.WriteStartObject("eventMetadata");
            json.WriteString("eventId", captured.EventId);
            json.WriteString("inferenceId", captured.InferenceId);
            json.WriteString("inferenceTime", captured.InferenceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteString("eventVersion", "0");
            json.WriteStartObject("flywheel");
            json.WriteString("endpoint", captured.Endpoint);
            json.WriteString("variant", captured.Variant);
            json.WriteString("modelVersion", captured.ModelVersion);
            json.WriteNumber("latencyMs", Math.Round(captured.Latency.TotalMilliseconds, 3));
            json.WriteBoolean("shadow", captured.Shadow);
            if (captured.CustomAttributes is { } attributes) json.WriteString("customAttributes", attributes);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }

    private static void WriteData(Utf8JsonWriter json, string name, string mode, string contentType, string data)
    {
        var encoding = EncodingOf(contentType);
        json.WriteStartObject(name);
        json.WriteString("observedContentType", contentType);
        json.WriteString("mode", mode);
        json.WriteString("data", encoding == Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(data)) : data);
        json.WriteString("encoding", encoding);
        json.WriteEndObject();
    }
}

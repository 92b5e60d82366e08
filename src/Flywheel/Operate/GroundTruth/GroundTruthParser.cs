using System.Text.Json;
using Flywheel.Operate.Capture;

namespace Flywheel.Operate.GroundTruth;

/// <summary>
/// Reads a ground-truth request: Flywheel's <c>{"records":[{"inferenceId":"…","label":…}]}</c> (or <c>eventId</c>
/// when the capture had no inference id) or Model Monitor's JSON Lines
/// (<c>{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"…"},"eventVersion":"0"}</c>).
/// Every mistake is an <see cref="InputException"/> naming the element: <c>records[3].inferenceId</c>, <c>eventMetadata.eventId</c> on line 4 of JSON Lines.
/// </summary>
public static class GroundTruthParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static IReadOnlyList<GroundTruthRecord> ParseRecords(ReadOnlyMemory<byte> body, GroundTruthLimits limits)
    {
        using var document = Parse(body, "body");
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("records", out var records))
            throw new InputException("the body must be an object with a \"records\" array", "records");
        if (records.ValueKind != JsonValueKind.Array) throw new InputException("\"records\" must be an array", "records");
        var count = records.GetArrayLength();
        if (count == 0) throw new InputException("\"records\" is empty", "records");
        if (count > limits.MaxRecords) throw new InputException($"{count} records exceed the limit of {limits.MaxRecords} per request", "records");
        var parsed = new List<GroundTruthRecord>(count);
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var where = $"records[{index++}]";
            if (record.ValueKind != JsonValueKind.Object) throw new InputException($"{where} must be an object", where);
            var id = OptionalId(record, "inferenceId", where, limits) ?? OptionalId(record, "eventId", where, limits)
                ?? throw new InputException($"{where}.inferenceId is missing (or give eventId)", $"{where}.inferenceId");
            if (!record.TryGetProperty("label", out var label))
                throw new InputException($"{where}.label is missing", $"{where}.label");
            parsed.Add(Label(id, label, $"{where}.label", limits));
        }
        return parsed;
    }

    public static IReadOnlyList<GroundTruthRecord> ParseJsonLines(ReadOnlyMemory<byte> body, GroundTruthLimits limits)
    {
        var parsed = new List<GroundTruthRecord>();
        var text = body.Span;
        var line = 0;
        while (text.Length > 0)
        {
            line++;
            var end = text.IndexOf((byte)'\n');
            var current = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (current.Trim(" \t\r"u8).IsEmpty) continue;
            if (parsed.Count == limits.MaxRecords) throw new InputException($"more than {limits.MaxRecords} records per request", "body", line);
            parsed.Add(ParseLine(current.ToArray(), line, limits));
        }
        if (parsed.Count == 0) throw new InputException("the body holds no ground-truth records", "body");
        return parsed;
    }

    private static GroundTruthRecord ParseLine(byte[] line, int number, GroundTruthLimits limits)
    {
        using var document = Parse(line, $"line {number}", number);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InputException("the line must be a JSON object", "line", number);
        if (!root.TryGetProperty("eventMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            throw new InputException("eventMetadata is missing", "eventMetadata", number);
        var id = OptionalId(metadata, "eventId", "eventMetadata", limits, number)
            ?? throw new InputException("eventMetadata.eventId is missing", "eventMetadata.eventId", number);
        if (!root.TryGetProperty("groundTruthData", out var data) || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("data", out var value))
            throw new InputException("groundTruthData.data is missing", "groundTruthData.data", number);
        if (root.TryGetProperty("eventVersion", out var version) && (version.ValueKind != JsonValueKind.String || version.GetString() != "0"))
            throw new InputException("eventVersion must be \"0\"", "eventVersion", number);
        var encoding = data.TryGetProperty("encoding", out var declared) && declared.ValueKind == JsonValueKind.String ? declared.GetString()!.ToUpperInvariant() : null;
        if (encoding is not (null or CaptureRecordFormat.Csv or CaptureRecordFormat.Json))
            throw new InputException($"groundTruthData.encoding must be CSV or JSON, not '{encoding}'", "groundTruthData.encoding", number);
        var label = Label(id, value, "groundTruthData.data", limits, number);
        return encoding is null ? label : label with { Encoding = encoding };
    }

    private static GroundTruthRecord Label(string id, JsonElement label, string field, GroundTruthLimits limits, int? line = null)
    {
        var (data, encoding) = label.ValueKind switch
        {
            JsonValueKind.String => (label.GetString()!, CaptureRecordFormat.Csv),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => (label.GetRawText(), CaptureRecordFormat.Csv),
            JsonValueKind.Object or JsonValueKind.Array => (label.GetRawText(), CaptureRecordFormat.Json),
            _ => throw new InputException($"{field} must be a string, number, boolean, object or array, not null", field, line),
        };
        if (data.Length > limits.MaxLabelLength) throw new InputException($"{field} is longer than {limits.MaxLabelLength} characters", field, line);
        return new GroundTruthRecord(id, data, encoding);
    }

    private static string? OptionalId(JsonElement owner, string name, string where, GroundTruthLimits limits, int? line = null)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        var field = $"{where}.{name}";
        if (value.ValueKind != JsonValueKind.String) throw new InputException($"{field} must be a string", field, line);
        var id = value.GetString()!;
        if (id.Trim().Length == 0) throw new InputException($"{field} is empty", field, line);
        if (id.Length > limits.MaxIdLength) throw new InputException($"{field} is longer than {limits.MaxIdLength} characters", field, line);
        return id;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, string where, int? line = null)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException error)
        {
            throw new InputException($"{where} is not valid JSON: {error.Message}", line is null ? "body" : "line", line, inner: error);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Serving;

namespace Flywheel.Operate.Review;

/// <summary>The rows of a captured request and the decisions served for them, read back from the capture record.</summary>
internal static class CapturedRows
{
    /// <summary>The request's rows in the model's input order; empty when the body cannot be read with this model's schema.</summary>
    public static IReadOnlyList<InputRow> Inputs(ServingSpec spec, CapturedRecord record, int maxRows)
    {
        var data = record.InputEncoding == CaptureRecordFormat.Base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(record.InputData)) : record.InputData;
        string[] types = record.InputEncoding == CaptureRecordFormat.Csv ? [RequestDecoder.Csv] : [RequestDecoder.Json, RequestDecoder.JsonLines, RequestDecoder.Csv];
        foreach (var type in types)
        {
            try
            {
                return RequestDecoder.Decode(spec, type, data, maxRows).Rows;
            }
            catch (FlywheelException)
            {
            }
        }
        return [];
    }

    /// <summary>The <c>decision</c> served for each row, when the output is JSON (one document or JSON Lines); null entries otherwise.</summary>
    public static IReadOnlyList<string?> ServedDecisions(CapturedRecord record)
    {
        if (record.OutputEncoding != CaptureRecordFormat.Json) return [];
        var decisions = new List<string?>();
        try
        {
            var text = record.OutputData.TrimStart();
            if (text.StartsWith('{') && !text.Contains('\n'))
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("predictions", out var predictions) && predictions.ValueKind == JsonValueKind.Array)
                    foreach (var prediction in predictions.EnumerateArray()) decisions.Add(Decision(prediction));
                else decisions.Add(Decision(document.RootElement));
                return decisions;
            }
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                using var document = JsonDocument.Parse(line);
                decisions.Add(Decision(document.RootElement));
            }
        }
        catch (JsonException)
        {
            return [];
        }
        return decisions;
    }

    /// <summary>A number in [0, 1) fixed by the inference id and row: the same request is sampled the same way every time (as A2I does).</summary>
    public static double Draw(string inferenceId, int row)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{inferenceId}\n{row}"), hash);
        return (BitConverter.ToUInt64(hash[..8]) >> 11) * (1.0 / (1UL << 53));
    }

    private static string? Decision(JsonElement prediction) =>
        prediction.ValueKind == JsonValueKind.Object && prediction.TryGetProperty("decision", out var decision) && decision.ValueKind == JsonValueKind.String
            ? decision.GetString()
            : null;
}

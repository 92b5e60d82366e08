using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Flywheel.Serving;
using Flywheel.Tasks;

namespace Flywheel.Operate.Monitoring.Windows;

/// <summary>
/// Reads a captured response (<c>ResponseEncoder</c>'s JSON, JSON Lines or CSV) into score, predicted label and
/// review per row. A response that does not parse, or holds another number of rows than its request, gives NaN /
/// null / false for its rows: the rows still count as inputs, they just have no prediction.
/// </summary>
internal static class ResponseReader
{
    public static void Read(ServingSpec spec, string body, string encoding, int rows, Growing<double> scores, Growing<string?> predicted, Growing<bool> reviewed)
    {
        var start = scores.Count;
        try
        {
            if (encoding == "CSV" || body.TrimStart() is not ['{', ..] and not ['[', ..]) Csv(spec, body, scores, predicted, reviewed);
            else if (!PredictionList(spec, body, scores, predicted, reviewed))
            {
                Truncate(start, scores, predicted, reviewed);
                Json(spec, body, scores, predicted, reviewed);
            }
        }
        catch (Exception error) when (error is JsonException or InputException or FormatException or InvalidOperationException)
        {
            // counted as rows without a prediction below
        }
        if (scores.Count - start == rows) return;
        Truncate(start, scores, predicted, reviewed);
        for (var r = 0; r < rows; r++)
        {
            scores.Add(double.NaN);
            predicted.Add(null);
            reviewed.Add(false);
        }
    }

    private static void Truncate(int count, Growing<double> scores, Growing<string?> predicted, Growing<bool> reviewed)
    {
        scores.Truncate(count);
        predicted.Truncate(count);
        reviewed.Truncate(count);
    }

    /// <summary>
    /// The server's own shapes — <c>{…, "predictions": [{…}, …]}</c> or <c>[{…}, …]</c> — read token by token for the
    /// three fields a row needs, the rest skipped unread (a million rows: no document per response). The values are
    /// those <see cref="One"/> takes from a document (a repeated property: its last occurrence). False for any other
    /// shape, with what it added left for the caller to drop: <see cref="Json"/> reads those.
    /// </summary>
    private static bool PredictionList(ServingSpec spec, string body, Growing<double> scores, Growing<string?> predicted, Growing<bool> reviewed)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(body.Length));
        try
        {
            var json = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(body, buffer)));
            if (!json.Read()) return false;
            if (json.TokenType == JsonTokenType.StartObject)
            {
                var found = false;
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    var isList = json.ValueTextEquals("predictions"u8);
                    json.Read();
                    if (!isList)
                    {
                        json.Skip();
                        continue;
                    }
                    if (found || json.TokenType != JsonTokenType.StartArray || !Predictions(spec, ref json, scores, predicted, reviewed)) return false;
                    found = true;
                }
                if (!found) return false;
            }
            else if (json.TokenType != JsonTokenType.StartArray || !Predictions(spec, ref json, scores, predicted, reviewed)) return false;
            return !json.Read();
        }
        catch (JsonException)
        {
            return false; // JSON Lines (a second document after the first) and broken JSON: the document reader decides
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // From a list's StartArray to its EndArray: one row per object; false at anything else in the list.
    private static bool Predictions(ServingSpec spec, ref Utf8JsonReader json, Growing<double> scores, Growing<string?> predicted, Growing<bool> reviewed)
    {
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.StartObject) return false;
            var score = double.NaN;
            string? label = null;
            var labelIsText = false;
            double? predictedScore = null;
            var review = false;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var name = json.ValueTextEquals("score"u8) ? 1 : json.ValueTextEquals("predicted_label"u8) ? 2
                    : json.ValueTextEquals("predicted_score"u8) ? 3 : json.ValueTextEquals("decision"u8) ? 4 : 0;
                json.Read();
                var number = json.TokenType == JsonTokenType.Number;
                var text = json.TokenType == JsonTokenType.String;
                switch (name)
                {
                    case 1: score = number ? json.GetDouble() : double.NaN; break;
                    case 2: (labelIsText, label) = text ? (true, ClassLabel(spec, ref json)) : (false, null); break;
                    case 3: predictedScore = number ? json.GetDouble() : null; break;
                    case 4: review = text && json.ValueTextEquals(CsvPredictor.ReviewDecision); break;
                }
                json.Skip();
            }
            scores.Add(score);
            predicted.Add(labelIsText ? label : predictedScore?.ToString("R", CultureInfo.InvariantCulture));
            reviewed.Add(review);
        }
        return json.TokenType == JsonTokenType.EndArray;
    }

    private static string? ClassLabel(ServingSpec spec, ref Utf8JsonReader label)
    {
        foreach (var name in spec.Classes)
            if (label.ValueTextEquals(name)) return name;
        return label.GetString();
    }

    private static void Json(ServingSpec spec, string body, Growing<double> scores, Growing<string?> predicted, Growing<bool> reviewed)
    {
        var document = JsonBody.ParseOrEachLine(body, line => One(spec, line, scores, predicted, reviewed));
        if (document is null) return;
        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("predictions", out var p) ? p : root;
            if (list.ValueKind == JsonValueKind.Array)
                foreach (var item in list.EnumerateArray()) One(spec, item, scores, predicted, reviewed);
            else One(spec, list, scores, predicted, reviewed);
        }
    }

    private static void One(ServingSpec spec, JsonElement item, Growing<double> scores, Growing<string?> predicted, Growing<bool> reviewed)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException("a prediction is not an object");
        var score = item.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : double.NaN;
        string? label = item.TryGetProperty("predicted_label", out var l) && l.ValueKind == JsonValueKind.String ? ClassLabel(spec, l)
            : item.TryGetProperty("predicted_score", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("R", CultureInfo.InvariantCulture) : null;
        scores.Add(score);
        predicted.Add(label);
        reviewed.Add(item.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String && d.ValueEquals(CsvPredictor.ReviewDecision));
    }

    // The package's own string for a class: a million rows answer with a handful of labels, not a million strings.
    private static string? ClassLabel(ServingSpec spec, JsonElement label)
    {
        foreach (var name in spec.Classes)
            if (label.ValueEquals(name)) return name;
        return label.GetString();
    }

    // CSV: classification "label,probability,probabilities,labels,score,decision,inference_id"; regression "score,decision,inference_id".
    private static void Csv(ServingSpec spec, string body, Growing<double> scores, Growing<string?> predicted, Growing<bool> reviewed)
    {
        var reader = new CsvRecordReader(new StringReader(body), "the response", ',', '"', body.Length + 1);
        var regression = spec.Task == MlTask.Regression;
        foreach (var record in reader.Records())
        {
            var f = record.Fields;
            if (f is [""]) continue;
            var (scoreAt, decisionAt) = regression ? (0, 1) : (4, 5);
            if (f.Length <= decisionAt) throw new FormatException("a CSV prediction has too few fields");
            scores.Add(double.Parse(f[scoreAt], NumberStyles.Float, CultureInfo.InvariantCulture));
            predicted.Add(f[0]);
            reviewed.Add(f[decisionAt] == CsvPredictor.ReviewDecision);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Flywheel.Serving;
using Flywheel.Tasks;

namespace Flywheel.Operate.Inference;

/// <summary>
/// Writes predictions in the encoding the caller accepts. JSON (the default, and MLflow's shape):
/// <c>{"predictions":[{…}]}</c> with, for classification, <c>predicted_label</c> (the model's answer), <c>probability</c>
/// (of that label), <c>probabilities</c> and <c>labels</c> (every class, in the same order), <c>score</c> (binary: the
/// positive class's probability; multiclass: the predicted class's); for regression <c>predicted_score</c> and
/// <c>score</c>; always <c>decision</c> (<c>automatic</c> or <c>review</c>) and <c>inference_id</c>, and
/// <c>explanation</c> when asked. JSON Lines: one such object per line. CSV: one line per row, the same keys in that
/// order without <c>explanation</c>, lists as quoted JSON.
/// </summary>
public static class ResponseEncoder
{
    private static readonly string[] Encodings = [RequestDecoder.Json, RequestDecoder.Csv, RequestDecoder.JsonLines];

    /// <summary>The encoding for an <c>Accept</c> header (missing, <c>*/*</c>, <c>application/*</c>: JSON), or null when none is offered (406).</summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return RequestDecoder.Json;
        var offered = accept.Split(',').Select(part => part.Split(';')[0].Trim().ToLowerInvariant()).Where(part => part.Length > 0);
        foreach (var type in offered)
        {
            if (type is "*/*" or "application/*") return RequestDecoder.Json;
            if (type == "text/*") return RequestDecoder.Csv;
            if (Encodings.Contains(type)) return type;
            if (type is "application/jsonl" or "application/x-jsonlines") return RequestDecoder.JsonLines;
        }
        return null;
    }

    /// <summary>The predictions in <paramref name="encoding"/>; JSON puts the <paramref name="head"/> properties before <c>predictions</c> (the native API's envelope).</summary>
    public static string Encode(ServingSpec spec, IReadOnlyList<Prediction> predictions, string inferenceId, string encoding, IReadOnlyDictionary<string, string>? head = null)
    {
        if (encoding == RequestDecoder.Csv) return Csv(spec, predictions, inferenceId);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (encoding == RequestDecoder.JsonLines)
            {
                foreach (var prediction in predictions)
                {
                    Object(writer, spec, prediction, inferenceId);
                    writer.Flush();
                    buffer.WriteByte((byte)'\n');
                    writer.Reset();
                }
            }
            else
            {
                writer.WriteStartObject();
                foreach (var (name, value) in head ?? new Dictionary<string, string>()) writer.WriteString(name, value);
                writer.WriteStartArray("predictions");
                foreach (var prediction in predictions) Object(writer, spec, prediction, inferenceId);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Every class's probability, in <see cref="ServingSpec.Classes"/> order.</summary>
    public static IReadOnlyList<double> Probabilities(ServingSpec spec, ScoredRow row)
    {
        if (row.ClassProbabilities is { } all) return all;
        var positive = spec.BinaryClasses().Positive;
        return spec.Classes.Select(label => label == positive ? row.Score : 1 - row.Score).ToList();
    }

    /// <summary>The probability of the predicted label.</summary>
    public static double Probability(ServingSpec spec, ScoredRow row) =>
        spec.Task == MlTask.Binary ? (row.SuggestedLabel == spec.BinaryClasses().Positive ? row.Score : 1 - row.Score) : row.Score;

    private static void Object(Utf8JsonWriter writer, ServingSpec spec, Prediction prediction, string inferenceId)
    {
        var row = prediction.Row;
        writer.WriteStartObject();
        if (spec.Task == MlTask.Regression)
        {
            writer.WriteNumber("predicted_score", row.Score);
            writer.WriteNumber("score", row.Score);
        }
        else
        {
            writer.WriteString("predicted_label", row.SuggestedLabel);
            writer.WriteNumber("probability", Probability(spec, row));
            writer.WriteStartArray("probabilities");
            foreach (var p in Probabilities(spec, row)) writer.WriteNumberValue(p);
            writer.WriteEndArray();
            writer.WriteStartArray("labels");
            foreach (var label in spec.Classes) writer.WriteStringValue(label);
            writer.WriteEndArray();
            writer.WriteNumber("score", row.Score);
        }
        writer.WriteString("decision", Decision(row));
        writer.WriteString("inference_id", inferenceId);
        if (prediction.Explanation is { } explanation)
        {
            writer.WriteStartObject("explanation");
            writer.WriteString("method", explanation.Method);
            writer.WriteNumber("score", explanation.Score);
            writer.WriteStartArray("contributions");
            foreach (var c in explanation.Contributions)
            {
                writer.WriteStartObject();
                writer.WriteString("feature", c.Feature);
                writer.WritePropertyName("value");
                switch (c.Value)
                {
                    case double number: writer.WriteNumberValue(number); break;
                    case string text: writer.WriteStringValue(text); break;
                    default: writer.WriteNullValue(); break;
                }
                writer.WriteNumber("change", c.Change);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static string Decision(ScoredRow row) => row.Decision == DecisionRoute.Review ? CsvPredictor.ReviewDecision : CsvPredictor.AutomaticDecision;

    private static string Csv(ServingSpec spec, IReadOnlyList<Prediction> predictions, string inferenceId)
    {
        var text = new StringBuilder();
        var labels = CsvRecordReader.Escape(JsonSerializer.Serialize(spec.Classes));
        foreach (var prediction in predictions)
        {
            var row = prediction.Row;
            if (spec.Task == MlTask.Regression) text.Append(Number(row.Score)).Append(',');
            else
            {
                var probabilities = "[" + string.Join(",", Probabilities(spec, row).Select(Number)) + "]";
                text.Append(CsvRecordReader.Escape(row.SuggestedLabel)).Append(',').Append(Number(Probability(spec, row))).Append(',')
                    .Append(CsvRecordReader.Escape(probabilities)).Append(',').Append(labels).Append(',');
            }
            text.Append(Number(row.Score)).Append(',').Append(Decision(row)).Append(',').Append(CsvRecordReader.Escape(inferenceId)).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

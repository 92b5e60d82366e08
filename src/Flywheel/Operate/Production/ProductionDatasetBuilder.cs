using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Tasks;

namespace Flywheel.Operate.Production;

/// <summary>
/// Builds the labelled production dataset of an endpoint: every captured (non-shadow) request in the window is decoded
/// with the input schema of the package that answered it, and each row gets a label when one exists — ground truth
/// (posted for the inference id, so for one-row requests) wins, then a consolidated review decision, then a feedback
/// label. A human label names the inference id for a one-row request, or <c>&lt;inferenceId&gt;#&lt;row&gt;</c>
/// (0-based row) for a row of a larger one; a bare id on a many-row request is ambiguous and skipped (counted).
/// Labels that are not one of the model's classes (or not a number for regression) are skipped and counted.
/// </summary>
public sealed class ProductionDatasetBuilder(MetadataStore registry, CaptureReader capture, IHumanLabels? humanLabels = null)
{
    private readonly Dictionary<string, ServingSpec?> _specs = new(StringComparer.Ordinal);

    public async Task<ProductionDataset> BuildAsync(string endpoint, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellation = default)
    {
        var human = await HumanLabelsAsync(endpoint, since, cancellation);
        var columns = new List<ProductionColumn>();
        string? target = null;
        var rows = new List<ProductionRow>();
        long unlabelled = 0, undecodable = 0, rejected = 0, ambiguous = 0;
        var records = capture.Read(new CaptureQuery(endpoint) { Since = since, Until = until, WithGroundTruth = true }, cancellation);
        foreach (var record in records)
        {
            if (record.Shadow) continue;
            var spec = await SpecAsync(record.ModelVersion, cancellation);
            var decoded = spec is null ? null : Decode(spec, record);
            if (spec is null || decoded is null)
            {
                undecodable++;
                continue;
            }
            target ??= spec.Policy.Target;
            var positions = spec.Inputs.Select(input => Position(columns, input)).ToArray();
            for (var r = 0; r < decoded.Count; r++)
            {
                var (label, source) = LabelOf(record, r, decoded.Count, human, ref ambiguous);
                if (label is null)
                {
                    unlabelled++;
                    continue;
                }
                if (!Accepts(spec, label))
                {
                    rejected++;
                    continue;
                }
                rows.Add(Row(record, r, label, source!, decoded[r], spec, positions));
            }
        }
        // Columns first seen in a later version: earlier rows get missing values there.
        var width = columns.Count;
        var padded = rows.Select(row => row.Numbers.Length == width ? row : Pad(row, width)).ToList();
        var ordered = padded.OrderBy(row => row.InferenceTime).ThenBy(row => row.InferenceId, StringComparer.Ordinal).ThenBy(row => row.Row).ToList();
        return new ProductionDataset(endpoint, target ?? "", columns, ordered, since, until, new ProductionSkips(unlabelled, undecodable, rejected, ambiguous));
    }

    private async Task<Dictionary<string, (string Label, string Source, DateTimeOffset At)>> HumanLabelsAsync(string endpoint, DateTimeOffset? since, CancellationToken cancellation)
    {
        var labels = new Dictionary<string, (string Label, string Source, DateTimeOffset At)>(StringComparer.Ordinal);
        if (humanLabels is null) return labels;
        // A label is given after the inference it names: every label from the window's start on.
        foreach (var label in await humanLabels.ListAsync(endpoint, since, null, cancellation))
        {
            var source = label.Source == LabelSources.Review ? LabelSources.Review : LabelSources.Feedback;
            if (labels.TryGetValue(label.InferenceId, out var held)
                && (LabelSources.Rank(held.Source) < LabelSources.Rank(source) || (held.Source == source && held.At >= label.At))) continue;
            labels[label.InferenceId] = (label.Label.Trim(), source, label.At);
        }
        return labels;
    }

    private static (string? Label, string? Source) LabelOf(CapturedRecord record, int row, int rows,
        Dictionary<string, (string Label, string Source, DateTimeOffset At)> human, ref long ambiguous)
    {
        if (rows == 1 && GroundTruthLabel(record.GroundTruth) is { Length: > 0 } truth) return (truth, LabelSources.GroundTruth);
        var id = string.IsNullOrEmpty(record.InferenceId) ? record.EventId : record.InferenceId;
        if (human.TryGetValue(ProductionRow.Key(id, row), out var keyed)) return (keyed.Label, keyed.Source);
        if (human.TryGetValue(id, out var bare))
        {
            if (rows == 1) return (bare.Label, bare.Source);
            if (row == 0) ambiguous++;
        }
        return (null, null);
    }

    /// <summary>Ground truth as posted: a CSV scalar, or a JSON string or number.</summary>
    internal static string? GroundTruthLabel(string? data)
    {
        if (string.IsNullOrWhiteSpace(data)) return null;
        var text = data.Trim();
        if (text[0] is not ('"' or '{' or '[')) return text;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("label", out var inner)) root = inner;
            return root.ValueKind switch
            {
                JsonValueKind.String => root.GetString()?.Trim(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => root.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static bool Accepts(ServingSpec spec, string label) => spec.Task == MlTask.Regression
        ? double.TryParse(label, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        : spec.Classes.Contains(label);

    private static IReadOnlyList<InputRow>? Decode(ServingSpec spec, CapturedRecord record)
    {
        var media = record.InputEncoding switch
        {
            CaptureRecordFormat.Csv => RequestDecoder.Csv,
            CaptureRecordFormat.Json => RequestDecoder.Json,
            _ => null,
        };
        if (media is null) return null;
        try
        {
            return RequestDecoder.Decode(spec, media, record.InputData, int.MaxValue).Rows;
        }
        catch (RequestException) when (media == RequestDecoder.Json)
        {
            // JSON Lines is captured with the JSON encoding too.
            try { return RequestDecoder.Decode(spec, RequestDecoder.JsonLines, record.InputData, int.MaxValue).Rows; }
            catch (RequestException) { return null; }
        }
        catch (RequestException)
        {
            return null;
        }
    }

    private async Task<ServingSpec?> SpecAsync(string modelVersion, CancellationToken cancellation)
    {
        if (_specs.TryGetValue(modelVersion, out var known)) return known;
        ServingSpec? spec = null;
        try
        {
            var resolved = await new ModelCatalog(registry).ResolveAsync(ModelReference.Parse(modelVersion), cancellation);
            spec = ServingSpec.FromManifest(resolved.Package.Manifest, resolved.Package.Path);
        }
        catch (FlywheelException)
        {
            // A version no longer in this registry: its rows cannot be decoded and are counted as such.
        }
        _specs[modelVersion] = spec;
        return spec;
    }

    private static int Position(List<ProductionColumn> columns, ServingInputColumn input)
    {
        var at = columns.FindIndex(column => column.Name == input.Name);
        if (at >= 0) return at;
        columns.Add(new ProductionColumn(input.Name, input.Numeric));
        return columns.Count - 1;
    }

    private static ProductionRow Row(CapturedRecord record, int r, string label, string source, InputRow input, ServingSpec spec, int[] positions)
    {
        var width = positions.Length == 0 ? 0 : positions.Max() + 1;
        var numbers = new double[width];
        var texts = new string?[width];
        Array.Fill(numbers, double.NaN);
        for (var i = 0; i < positions.Length; i++)
        {
            if (spec.Inputs[i].Numeric) numbers[positions[i]] = input.Numbers[i];
            else texts[positions[i]] = input.Texts[i];
        }
        var id = string.IsNullOrEmpty(record.InferenceId) ? record.EventId : record.InferenceId;
        return new ProductionRow(id, r, record.Time, record.ModelVersion, label, source, numbers, texts);
    }

    private static ProductionRow Pad(ProductionRow row, int width)
    {
        var numbers = new double[width];
        var texts = new string?[width];
        Array.Fill(numbers, double.NaN);
        row.Numbers.CopyTo(numbers, 0);
        row.Texts.CopyTo(texts, 0);
        return row with { Numbers = numbers, Texts = texts };
    }
}

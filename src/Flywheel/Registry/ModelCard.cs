using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flywheel.Registry;

public sealed record CardMetric(string Name, double Value);

public sealed record CardData(string Description, string Fingerprint, IReadOnlyList<string> Features, IReadOnlyList<string> Labels, IReadOnlyList<string> Classes);

/// <summary>The decision policy as a card reads it: threshold and review band when the policy names them, and the policy itself.</summary>
public sealed record CardDecision(double? Threshold, double? ReviewLow, double? ReviewHigh, JsonElement? Policy);

/// <summary>
/// A model card (intended use, risk, data, metrics, decision policy, business value, caveats) filled from the
/// manifest and the team's own words. Written to the package as <c>model-card.json</c> and <c>model-card.md</c>.
/// </summary>
public sealed record ModelCard(
    string ModelName,
    string Task,
    string Trainer,
    string IntendedUse,
    string Risk,
    CardData Data,
    IReadOnlyList<CardMetric> Metrics,
    CardDecision Decision,
    string BusinessValue,
    IReadOnlyList<string> Caveats,
    LibraryVersions Libraries,
    int Seed)
{
    public const string NotStated = "Not stated.";

    public static ModelCard From(ModelManifest manifest, ModelCardText text)
    {
        var metrics = manifest.Metrics is { } m ? FlattenNumbers(m, "").ToList() : [];
        var caveats = text.Caveats.ToList();
        if (metrics.Count == 0) caveats.Add("No metrics were recorded with this model.");
        if (manifest.BaselineStatistics is null) caveats.Add("No baseline statistics: input drift cannot be monitored against the training data.");
        if (manifest.DecisionPolicy is null) caveats.Add("No decision policy: scores are not turned into decisions by this package.");
        return new ModelCard(
            manifest.ModelName,
            manifest.Task,
            manifest.Trainer,
            text.IntendedUse ?? NotStated,
            text.Risk ?? NotStated,
            new CardData(
                text.Data ?? NotStated,
                manifest.TrainingDataFingerprint,
                manifest.InputSchema.Where(c => c.Role == "feature").Select(c => c.Name).ToList(),
                manifest.InputSchema.Where(c => c.Role == "label").Select(c => c.Name).ToList(),
                manifest.LabelMapping),
            metrics,
            ReadDecision(manifest.DecisionPolicy),
            text.BusinessValue ?? NotStated,
            caveats,
            manifest.Libraries,
            manifest.Seed);
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append($"# Model card: {ModelName}\n\n");
        md.Append($"- Task: {Task}\n- Trainer: {Trainer}\n- Seed: {Seed}\n");
        md.Append($"- Libraries: ML.NET {Libraries.MlNet}, Flywheel {Libraries.Flywheel}, .NET {Libraries.DotNet}\n\n");
        md.Append($"## Intended use\n\n{IntendedUse}\n\n");
        md.Append($"## Risk\n\n{Risk}\n\n");
        md.Append($"## Data\n\n{Data.Description}\n\n");
        md.Append($"- Training data fingerprint: `{Data.Fingerprint}`\n");
        md.Append($"- Features ({Data.Features.Count}): {Listing(Data.Features)}\n");
        md.Append($"- Label: {Listing(Data.Labels)}\n");
        if (Data.Classes.Count > 0) md.Append($"- Classes: {Listing(Data.Classes)}\n");
        md.Append("\n## Metrics\n\n");
        if (Metrics.Count == 0) md.Append("None recorded.\n");
        else
        {
            md.Append("| metric | value |\n| --- | ---: |\n");
            foreach (var metric in Metrics) md.Append($"| {metric.Name} | {metric.Value.ToString("0.####", CultureInfo.InvariantCulture)} |\n");
        }
        md.Append("\n## Decision policy\n\n");
        if (Decision.Policy is not { } policy) md.Append("None.\n");
        else
        {
            if (Decision.Threshold is { } threshold) md.Append($"- Threshold: {threshold.ToString(CultureInfo.InvariantCulture)}\n");
            if (Decision.ReviewLow is { } low && Decision.ReviewHigh is { } high)
                md.Append($"- Review band: scores in [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}) go to a person\n");
            md.Append($"\n```json\n{JsonSerializer.Serialize(policy, PackageJson.Options)}\n```\n");
        }
        md.Append($"\n## Business value\n\n{BusinessValue}\n\n## Caveats\n\n");
        md.Append(Caveats.Count == 0 ? "None recorded.\n" : string.Concat(Caveats.Select(c => $"- {c}\n")));
        return md.ToString();
    }

    private static string Listing(IReadOnlyList<string> items) => items.Count == 0 ? "—" : string.Join(", ", items);

    /// <summary>Numbers anywhere in the metrics object, named by their dotted path; arrays (curves) are left out.</summary>
    private static IEnumerable<CardMetric> FlattenNumbers(JsonElement element, string prefix)
    {
        if (element.ValueKind != JsonValueKind.Object) yield break;
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.Number) yield return new CardMetric(name, property.Value.GetDouble());
            else foreach (var nested in FlattenNumbers(property.Value, name)) yield return nested;
        }
    }

    private static CardDecision ReadDecision(JsonElement? policy)
    {
        if (policy is not { ValueKind: JsonValueKind.Object } p) return new CardDecision(null, null, null, policy);
        var threshold = Number(p, "threshold");
        double? low = null, high = null;
        if (p.TryGetProperty("reviewBand", out var band) || p.TryGetProperty("review", out band))
        {
            if (band.ValueKind == JsonValueKind.Array && band.GetArrayLength() == 2 && band.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number))
            {
                low = band[0].GetDouble();
                high = band[1].GetDouble();
            }
            else if (band.ValueKind == JsonValueKind.Object)
            {
                low = Number(band, "low") ?? Number(band, "lo");
                high = Number(band, "high") ?? Number(band, "hi");
            }
        }
        return new CardDecision(threshold, low, high, policy);
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

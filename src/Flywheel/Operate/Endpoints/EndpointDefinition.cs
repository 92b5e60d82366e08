using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Flywheel.Registry;

namespace Flywheel.Operate.Endpoints;

/// <summary>
/// One model behind an endpoint: <see cref="Model"/> is a registry reference (<c>telco-churn@production</c>,
/// <c>telco-churn:3</c>); <see cref="Weight"/> its share of the traffic among the live variants; a
/// <see cref="Shadow"/> variant gets a copy of every request, scored off the request path and captured, never returned.
/// </summary>
public sealed record EndpointVariant(string Name, string Model, double Weight = 1, bool Shadow = false)
{
    /// <summary>The alias the variant follows (<c>production</c>), or null when it names a version.</summary>
    [JsonIgnore]
    public string? Alias => ModelReference.Parse(Model) is { Kind: ModelReferenceKind.Alias } reference ? reference.Alias : null;
}

/// <summary>
/// What an endpoint serves: its variants, the share of requests captured (0–100 %) and the use-case folder whose
/// registry resolves the variants' references. Checked by <see cref="Validate"/>; stored as JSON.
/// </summary>
public sealed partial record EndpointDefinition(string Name, string UseCaseFolder, IReadOnlyList<EndpointVariant> Variants, double CaptureShare = 100)
{
    public const string PrimaryVariant = "primary";
    public const string ProductionAlias = "production";
    public const string CandidateAlias = "candidate";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether one request is captured under <see cref="CaptureShare"/>: always at 100 %, else by a draw of <paramref name="random"/>.</summary>
    public bool Captures(Random random) => CaptureShare >= 100 || random.NextDouble() * 100 < CaptureShare;

    /// <summary>The variants that answer requests (weight &gt; 0, not shadow).</summary>
    [JsonIgnore]
    public IReadOnlyList<EndpointVariant> Live => Variants.Where(v => !v.Shadow && v.Weight > 0).ToList();

    [JsonIgnore]
    public EndpointVariant? ShadowVariant => Variants.FirstOrDefault(v => v.Shadow);

    /// <summary>The endpoint a served use case gets at start: <c>primary</c> following <c>@production</c>, else <c>@candidate</c>.</summary>
    public static EndpointDefinition Default(string useCaseName, string useCaseFolder, bool hasProduction) =>
        new(useCaseName, useCaseFolder, [new EndpointVariant(PrimaryVariant, $"{useCaseName}@{(hasProduction ? ProductionAlias : CandidateAlias)}")]);

    /// <summary>Checks names, references, weights and shares; an error names the field (<c>variants[1].weight</c>).</summary>
    public EndpointDefinition Validate()
    {
        CheckName(Name, "name");
        if (CaptureShare is < 0 or > 100 || double.IsNaN(CaptureShare))
            throw new InputException($"the capture share is {CaptureShare}; it is a percentage from 0 to 100", "captureShare");
        if (Variants is null || Variants.Count == 0) throw new InputException("an endpoint needs at least one variant", "variants");
        for (var i = 0; i < Variants.Count; i++)
        {
            var variant = Variants[i] ?? throw new InputException("a variant is null", $"variants[{i}]");
            CheckName(variant.Name, $"variants[{i}].name");
            if (string.IsNullOrWhiteSpace(variant.Model)) throw new InputException("a variant needs a model reference such as churn@production or churn:3", $"variants[{i}].model");
            var reference = ModelReference.Parse(variant.Model, $"variants[{i}].model");
            if (reference.Kind is ModelReferenceKind.PackagePath or ModelReferenceKind.UseCaseFolder)
                throw new InputException($"'{variant.Model}' is a path; a variant serves a registered model (name@alias or name:version)", $"variants[{i}].model");
            if (double.IsNaN(variant.Weight) || variant.Weight < 0 || double.IsInfinity(variant.Weight))
                throw new InputException($"the weight is {variant.Weight}; weights are non-negative numbers", $"variants[{i}].weight");
        }
        if (Variants.GroupBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InputException($"two variants are named '{twice.Key}'", "variants");
        if (Variants.Count(v => v.Shadow) > 1) throw new InputException("an endpoint has at most one shadow variant", "variants");
        if (Live.Count == 0) throw new InputException("an endpoint needs a variant that is not a shadow and has a weight above 0", "variants");
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(new Config(Variants, CaptureShare), Json);

    /// <summary>The definition a stored row holds.</summary>
    public static EndpointDefinition FromJson(string name, string useCaseFolder, string json)
    {
        var config = JsonSerializer.Deserialize<Config>(json, Json) ?? throw new InputException("the stored endpoint configuration is empty", $"endpoint:{name}");
        return new EndpointDefinition(name, useCaseFolder, config.Variants, config.CaptureShare);
    }

    private sealed record Config(IReadOnlyList<EndpointVariant> Variants, double CaptureShare);

    private static void CheckName(string? name, string field)
    {
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
            throw new InputException($"'{name}' is not a name: 1–63 letters, digits and hyphens (SageMaker's rule), starting with a letter or digit", field);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex NamePattern();
}

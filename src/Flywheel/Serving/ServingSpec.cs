using System.Text.Json;
using Flywheel.Registry;

namespace Flywheel.Serving;

/// <summary>A raw input column the model reads: numeric (read as a number; empty = missing) or text.</summary>
public sealed record ServingInputColumn(string Name, bool Numeric);

/// <summary>
/// The decision rule a package carries in its manifest's <c>decisionPolicy</c>: the target and positive class,
/// whether regression predictions are logs of the target, the threshold chosen on validation, the optional review
/// band, and what an item is priced in.
/// </summary>
public sealed record ServingPolicy(string Target, string? Positive, bool LogTarget, double? Threshold, double? ReviewLower, double? ReviewUpper, string? Currency)
{
    /// <summary>The decision rule every scorer applies (binary: threshold and band; multiclass: the floor as [0, floor)).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Evaluation.Decisions.DecisionRule Rule => new(Threshold, ReviewLower, ReviewUpper);
}

/// <summary>
/// What serving needs besides the ML.NET model: the task, the input columns, class names and the decision rule.
/// Read from a package's manifest (<see cref="FromManifest"/>); written into it by training.
/// </summary>
public sealed record ServingSpec(string Task, IReadOnlyList<ServingInputColumn> Inputs, IReadOnlyList<string> Classes, ServingPolicy Policy)
{
    public const string FeatureRole = "feature";
    public const string NumericType = "numeric";

    public static ServingSpec FromManifest(ModelManifest manifest, string packagePath)
    {
        var policy = manifest.DecisionPolicy is { } json
            ? json.Deserialize<ServingPolicy>(PackageJson.Options)
            : null;
        return new ServingSpec(
            manifest.Task,
            manifest.InputSchema.Where(column => column.Role == FeatureRole).Select(column => new ServingInputColumn(column.Name, column.Type == NumericType)).ToList(),
            manifest.LabelMapping,
            policy ?? throw new InputException("the model package has no decision policy; it was not written by 'flywheel train'", packagePath));
    }

    /// <summary>Binary: the class a score at or above the threshold means (the declared positive, else the last class).</summary>
    public string PositiveClass => Policy.Positive ?? Classes.LastOrDefault() ?? "true";

    /// <summary>Binary: the other class.</summary>
    public string NegativeClass => Classes.FirstOrDefault(c => c != PositiveClass) ?? $"not {PositiveClass}";

    public JsonElement PolicyJson() => JsonSerializer.SerializeToElement(Policy, PackageJson.Options);
}

using System.Text.Json;
using Flywheel.Data.Sources;
using Flywheel.Registry;
using Flywheel.Tasks;

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
public sealed record ServingSpec(MlTask Task, IReadOnlyList<ServingInputColumn> Inputs, IReadOnlyList<string> Classes, ServingPolicy Policy)
{
    public const string FeatureRole = "feature";

    /// <summary>How CSV input is read: the training file's dialect (<see cref="CsvDialect.Legacy"/> for older packages).</summary>
    public CsvDialect Dialect { get; init; } = CsvDialect.Legacy;
    public const string NumericType = "numeric";

    public static ServingSpec FromManifest(ModelManifest manifest, string packagePath)
    {
        var policy = manifest.DecisionPolicy is { } json
            ? json.Deserialize<ServingPolicy>(PackageJson.Options)
            : null;
        var task = MlTasks.Parse(manifest.Task)
            ?? throw new InputException($"the model package's task is '{manifest.Task}', not binary, multiclass or regression", packagePath);
        if (task == MlTask.Binary && policy is { Positive: null })
            throw new InputException("the binary model package does not name its positive class (decisionPolicy.positive)", packagePath);
        return new ServingSpec(
            task,
            manifest.InputSchema.Where(column => column.Role == FeatureRole).Select(column => new ServingInputColumn(column.Name, column.Type == NumericType)).ToList(),
            manifest.LabelMapping,
            policy ?? throw new InputException("the model package has no decision policy; it was not written by 'flywheel train'", packagePath))
        {
            Dialect = manifest.InputDialect ?? CsvDialect.Legacy,
        };
    }

    /// <summary>
    /// Binary: the classes by role; the positive one (what a score is the probability of) was resolved at training by
    /// <see cref="Tasks.PositiveClass"/> and is stored in the policy.
    /// </summary>
    public BinaryClasses BinaryClasses() => Tasks.BinaryClasses.Of(Classes, Policy.Positive ?? throw new InvalidOperationException("a binary spec names its positive class"));

    public JsonElement PolicyJson() => JsonSerializer.SerializeToElement(Policy, PackageJson.Options);
}

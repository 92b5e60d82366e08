using System.Text.Json;

namespace Flywheel.Registry;

/// <summary>One input column the model expects: its name, its type (as the data stage names it) and its role.</summary>
public sealed record InputColumn(string Name, string Type, string Role);

/// <summary>The human parts of a model card; what is not given is written as "not stated".</summary>
public sealed record ModelCardText
{
    public string? IntendedUse { get; init; }
    public string? Risk { get; init; }
    public string? Data { get; init; }
    public string? BusinessValue { get; init; }
    public IReadOnlyList<string> Caveats { get; init; } = [];
}

/// <summary>
/// Everything training hands over to be packaged. The JSON parts (preprocessing plan, decision policy, metrics,
/// baseline statistics) are opaque here: they are stored as given and read back by the stage that wrote them.
/// </summary>
public sealed record ModelPackageContent
{
    public required string ModelName { get; init; }

    /// <summary>binary, multiclass, regression, …</summary>
    public required string Task { get; init; }

    public required string Trainer { get; init; }

    /// <summary>The ML.NET model as saved by <c>MLContext.Model.Save</c>; empty for a rule model.</summary>
    public byte[] ModelZip { get; init; } = [];

    /// <summary>
    /// A rule model (a plan's rule step) holds the rule's text instead of an ML.NET model: written as <c>rule.txt</c>,
    /// which the manifest names as its model file. Null for an ML model.
    /// </summary>
    public string? RuleText { get; init; }

    public required IReadOnlyList<InputColumn> InputSchema { get; init; }

    /// <summary>Label value by class index (empty for regression).</summary>
    public IReadOnlyList<string> LabelMapping { get; init; } = [];

    public JsonElement? PreprocessingPlan { get; init; }
    public JsonElement? DecisionPolicy { get; init; }
    public JsonElement? Metrics { get; init; }
    public required string TrainingDataFingerprint { get; init; }
    public JsonElement? BaselineStatistics { get; init; }
    public int Seed { get; init; }

    /// <summary>How the model reads CSV input: the dialect of the file it was trained on.</summary>
    public Data.Sources.CsvDialect? InputDialect { get; init; }
    public ModelCardText Card { get; init; } = new();

    /// <summary>
    /// Further files the package carries for the stages that read them (serving description, training record,
    /// evaluations), by file name. They are hashed like everything else and listed in the manifest.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> Attachments { get; init; } = new Dictionary<string, byte[]>();
}

namespace Flywheel.UseCases;

/// <summary>
/// The keys each mapping of <c>flywheel.yaml</c> accepts, by section path. The readers hand these lists to
/// <see cref="MappingReader"/>, which refuses to read a key that is not listed (a bug in the reader) and rejects a
/// key in the file that is not listed (a mistake in the file), so the lists are exactly what the readers accept.
/// <c>docs/use-case-file.md</c> documents every list; a test compares the two. Mappings whose keys the user names
/// (<c>value.parameters</c>, <c>value.formulas</c>, <c>value.scenarios</c>, <c>data.schema</c>,
/// <c>data.preprocessing.columns</c>, a manual step's <c>measured</c>) have no list; their entries are written
/// <c>name</c> with a <c>*</c> in the paths below (<c>value.parameters.*</c>).
/// </summary>
public static class UseCaseKeys
{
    public static IReadOnlyList<string> Root { get; } = ["name", "statement", "owner", "units", "value", "data", "training", "decision", "plan", "monitoring", "review", "approvals", "canvas"];

    public static IReadOnlyList<string> Units { get; } = ["counts"];

    public static IReadOnlyList<string> Value { get; } = ["parameters", "formulas", "value", "costs", "horizon", "scenarios"];
    public static IReadOnlyList<string> Parameter { get; } = ["value", "unit", "range", "description", "owner"];
    public static IReadOnlyList<string> Formula { get; } = ["formula", "unit", "description"];
    public static IReadOnlyList<string> Costs { get; } = ["development", "operation", "delay"];

    public static IReadOnlyList<string> Data { get; } =
        ["source", "target", "positive", "drop", "roles", "schema", "missing_threshold", "documented", "labels", "split", "preprocessing", "csv", "production"];
    public static IReadOnlyList<string> Production { get; } = ["endpoint", "since", "holdout", "min_holdout"];
    public static IReadOnlyList<string> Roles { get; } = ["id", "sensitive", "date", "text"];
    public static IReadOnlyList<string> Split { get; } = ["train", "validation", "test", "seed", "stratify", "by", "time"];
    public static IReadOnlyList<string> Csv { get; } = ["delimiter", "quote", "decimal", "missing", "header"];
    public static IReadOnlyList<string> Preprocessing { get; } = ["one_hot_max", "target_transform", "outliers", "columns"];
    public static IReadOnlyList<string> Outliers { get; } = ["fence"];
    public static IReadOnlyList<string> PreprocessingColumn { get; } = ["encoding", "bits", "order", "scale", "indicator", "drop"];

    public static IReadOnlyList<string> Training { get; } = ["task", "budget", "objective", "trainers", "seed", "ensemble"];

    public static IReadOnlyList<string> Decision { get; } = ["volume", "prevalence", "outcomes", "matrix", "regression", "review"];
    public static IReadOnlyList<string> Outcomes { get; } = ["tp", "fp", "fn", "tn"];
    public static IReadOnlyList<string> Regression { get; } = ["under", "over"];
    public static IReadOnlyList<string> Review { get; } = ["cost", "minutes", "hours_per_day"];

    public static IReadOnlyList<string> Plan { get; } = ["metric", "steps"];
    public static IReadOnlyList<string> PlanMetric { get; } = ["name", "figure"];
    public static IReadOnlyList<string> PlanStep { get; } =
        ["name", "kind", "owner", "description", "costs", "duration", "go", "measured", "rule", "model", "done"];
    public static IReadOnlyList<string> PlanStepDone { get; } = ["at", "by", "override", "reason"];

    public static IReadOnlyList<string> Monitoring { get; } = ["schedule", "window", "distance", "thresholds", "facets", "owners"];

    /// <summary>The top-level <c>review</c> section (the human review queue; <see cref="Review"/> is <c>decision.review</c>).</summary>
    public static IReadOnlyList<string> ReviewQueue { get; } = ["sample", "lease", "reviewers"];

    public static IReadOnlyList<string> Approvals { get; } = ["value", "promotion"];

    public static IReadOnlyList<string> Canvas { get; } = [.. CanvasKeys.Blocks, "growth"];
    public static IReadOnlyList<string> CanvasGrowth { get; } = CanvasKeys.Conditions;
    public static IReadOnlyList<string> CanvasCondition { get; } = ["statement", "metric"];

    /// <summary>Every fixed-key mapping by its path in the file, as the reference names them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> BySection { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["(top level)"] = Root,
        ["units"] = Units,
        ["value"] = Value,
        ["approvals"] = Approvals,
        ["value.parameters.*"] = Parameter,
        ["value.formulas.*"] = Formula,
        ["value.costs"] = Costs,
        ["data"] = Data,
        ["data.roles"] = Roles,
        ["data.split"] = Split,
        ["data.csv"] = Csv,
        ["data.production"] = Production,
        ["data.preprocessing"] = Preprocessing,
        ["data.preprocessing.outliers"] = Outliers,
        ["data.preprocessing.columns.*"] = PreprocessingColumn,
        ["training"] = Training,
        ["decision"] = Decision,
        ["decision.outcomes"] = Outcomes,
        ["decision.regression"] = Regression,
        ["decision.review"] = Review,
        ["plan"] = Plan,
        ["plan.metric"] = PlanMetric,
        ["plan.steps[]"] = PlanStep,
        ["plan.steps[].costs"] = Costs,
        ["plan.steps[].done"] = PlanStepDone,
        ["monitoring"] = Monitoring,
        ["review"] = ReviewQueue,
        ["canvas"] = Canvas,
        ["canvas.growth"] = CanvasGrowth,
        ["canvas.growth.*"] = CanvasCondition,
    };
}

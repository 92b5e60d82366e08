namespace Flywheel.Operate.Retraining;

/// <summary>A model in a comparison: its registered version and package.</summary>
public sealed record ComparedModel(string Reference, int Version, string PackageId, string Role);

/// <summary>The fresh production holdout both models were scored on: the most recent labelled rows, never trained on.</summary>
public sealed record HoldoutSummary(int Rows, string Fingerprint, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyDictionary<string, int> LabelCounts);

/// <summary>One metric of the catalog for both models, and the challenger's change (positive = better when higher is better).</summary>
public sealed record MetricComparison(string Name, double? Champion, double? Challenger, double? Difference, bool HigherIsBetter);

/// <summary>
/// Challenger against champion on the same fresh holdout, each model scored with its own package and its own
/// decision policy: the metric catalog side by side and the value per day added with its 95% interval. Stored in
/// <c>model_comparisons</c>; a promotion to @production names the comparison it was approved on.
/// </summary>
public sealed record ModelComparison(
    Guid Id,
    string UseCase,
    string Model,
    ComparedModel? Champion,
    ComparedModel Challenger,
    HoldoutSummary Holdout,
    IReadOnlyList<MetricComparison> Metrics,
    ChallengerValue? Value,
    string Verdict,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>Seeds the paired bootstrap, so the same holdout gives the same interval.</summary>
    public const int Seed = 1729;
}

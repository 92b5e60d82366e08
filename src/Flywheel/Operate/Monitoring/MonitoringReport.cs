namespace Flywheel.Operate.Monitoring;

/// <summary>
/// One monitoring run over an endpoint's captured window: Model Monitor's data-quality violations, drift per
/// feature and for the prediction (Evidently's method choice, plus PSI), the dataset-drift verdict, model quality and
/// realized value once ground truth has arrived, Clarify's bias metrics per facet, attribution drift, the
/// distributions the report overlays, and the alerts the run raised. <c>flywheel monitor --json</c> writes it
/// (camelCase; the names of the JSON contract in docs/monitoring.md).
/// </summary>
public sealed record MonitoringReport
{
    public required string Endpoint { get; init; }
    public required string UseCase { get; init; }

    /// <summary>The model versions that answered in the window (<c>churn:3</c>), oldest first.</summary>
    public IReadOnlyList<string> ModelVersions { get; init; } = [];

    public required MonitoringWindow Window { get; init; }
    public IReadOnlyList<Violation> Violations { get; init; } = [];
    public IReadOnlyList<FeatureDrift> Drift { get; init; } = [];
    public required DatasetDrift DatasetDrift { get; init; }

    /// <summary>Null until ground truth (or a human label) has arrived for rows of the window.</summary>
    public QualityReport? Quality { get; init; }

    /// <summary>Null without ground truth or without prices (<c>decision</c> section).</summary>
    public RealizedValue? RealizedValue { get; init; }

    /// <summary>Null when no facet is declared (<c>monitoring.facets</c>) or the task is not binary.</summary>
    public BiasDrift? Bias { get; init; }

    /// <summary>Null when the package has no importance baseline or the window is empty.</summary>
    public AttributionDrift? Attribution { get; init; }

    /// <summary>Reference vs current shares per bin, for the overlaid charts.</summary>
    public IReadOnlyList<FeatureDistribution> Distributions { get; init; } = [];

    /// <summary>Quality per time window (the sampling interval of <see cref="QualityReport.Interval"/>), oldest first.</summary>
    public IReadOnlyList<QualityPoint> QualityOverTime { get; init; } = [];

    /// <summary>Realized value per day, oldest first.</summary>
    public IReadOnlyList<ValuePoint> ValueOverTime { get; init; } = [];

    /// <summary>
    /// What the run could not do and why, in plain words: no baseline in the package (violations and drift skipped),
    /// no labels yet (quality skipped), no prices (realized value skipped), requests that did not parse.
    /// </summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>"Like" feedback posted in the window, per model version (shown beside quality).</summary>
    public IReadOnlyList<Flywheel.Operate.Feedback.FeedbackCounts> Feedback { get; init; } = [];

    /// <summary>False when the served package carries no monitoring baseline (packaged before baselines existed).</summary>
    public bool HasBaseline { get; init; } = true;

    /// <summary>Filled by the alerting step (<c>Operate/Monitoring/Alerts</c>); the engine leaves it empty.</summary>
    public IReadOnlyList<MonitoringAlert> Alerts { get; init; } = [];
}

/// <summary>The captured window read: [From, To) in UTC, and the rows (not requests) in it.</summary>
public sealed record MonitoringWindow(DateTimeOffset From, DateTimeOffset To, long Rows);

/// <summary>
/// One Model Monitor constraint violation. <see cref="Check"/> is one of <see cref="CheckTypes"/>; <see cref="Feature"/>
/// is the column (null for dataset-level checks).
/// </summary>
public sealed record Violation(string? Feature, string Check, string Description, double? Observed = null, double? Threshold = null);

/// <summary>Model Monitor's violation check types, and Flywheel's own for what Model Monitor leaves to its model-quality job.</summary>
public static class CheckTypes
{
    public const string DataType = "data_type_check";
    public const string Completeness = "completeness_check";
    public const string BaselineDrift = "baseline_drift_check";
    public const string MissingColumn = "missing_column_check";
    public const string ExtraColumn = "extra_column_check";
    public const string CategoricalValues = "categorical_values_check";
    public const string BiasDrift = "bias_drift_check";
    public const string AttributionDrift = "feature_attribution_drift_check";
    public const string DatasetDrift = "dataset_drift_check";
    public const string ModelQuality = "model_quality_check";
    public const string RealizedValue = "realized_value_check";
}

/// <summary>
/// Drift of one column (or of the prediction: <see cref="Kind"/> <c>prediction</c>): the method Evidently would choose
/// (<c>ks</c>, <c>chisquare</c>, <c>z</c>, <c>wasserstein</c>, <c>jensenshannon</c>) or <c>linf</c>, its statistic and
/// p-value (null for a distance), the threshold it was judged on, and PSI beside it.
/// </summary>
public sealed record FeatureDrift(
    string Feature, string Kind, string Method, double Statistic, double? PValue, double Threshold, bool Drifted,
    double Psi, long ReferenceRows, long CurrentRows);

/// <summary>Evidently's dataset drift: the share of drifted columns, drifted when it is at or above the threshold.</summary>
public sealed record DatasetDrift(double Share, double Threshold, bool Drifted, int DriftedColumns, int Columns);

/// <summary>
/// Model quality over the labelled rows of the window: the training metric catalog (<c>auc</c>, <c>f1</c>, <c>rmse</c>, …),
/// with standard deviations by bootstrap when there are at least 200 rows, the package's test-split values for
/// comparison, and the sampling interval of <see cref="MonitoringReport.QualityOverTime"/>.
/// </summary>
public sealed record QualityReport(
    long Rows, IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, double>? StandardDeviations,
    IReadOnlyDictionary<string, double> Expected, TimeSpan Interval);

public sealed record QualityPoint(DateTimeOffset From, DateTimeOffset To, long Rows, IReadOnlyDictionary<string, double> Metrics);

/// <summary>
/// What the decisions actually earned on the labelled rows of the window (the package's prices applied to actual
/// outcomes, reviews at their cost), per item and per day at the use case's volume, against the value model's promise
/// (the test split's value per item and per day).
/// </summary>
public sealed record RealizedValue(
    double PerItem, double PerDay, double PromisedPerItem, double PromisedPerDay, string Currency, long Items);

public sealed record ValuePoint(DateOnly Day, long Items, double PerItem, double PerDay);

/// <summary>Clarify's metrics per declared facet, now and at the baseline (the test split), and which drifted.</summary>
public sealed record BiasDrift(IReadOnlyList<FacetBias> Facets);

/// <param name="Column">The sensitive column.</param>
/// <param name="Value">The value that marks facet d.</param>
/// <param name="PreTraining">CI, DPL, KL, JS, LP, TVD, KS, CDDL on the labelled rows (null when none are labelled).</param>
/// <param name="PostTraining">DPPL, DI, DCAcc, DCR, RD, DAR, DRR, AD, TE (and CDDPL, GE) on the labelled rows.</param>
/// <param name="Baseline">The post-training metrics on the test split, from the package.</param>
/// <param name="Drifted">The metrics that moved more than the threshold from the baseline.</param>
public sealed record FacetBias(
    string Column, string Value, IReadOnlyDictionary<string, double>? PreTraining, IReadOnlyDictionary<string, double>? PostTraining,
    IReadOnlyDictionary<string, double>? Baseline, IReadOnlyList<string> Drifted);

/// <summary>Model Monitor's attribution drift: NDCG of the window's importance ranking against the baseline's.</summary>
public sealed record AttributionDrift(
    double Ndcg, double Threshold, bool Drifted, IReadOnlyDictionary<string, double> Baseline, IReadOnlyDictionary<string, double> Current);

/// <summary>One column's distribution in the reference and in the window, on the same bins (PSI's bins).</summary>
public sealed record FeatureDistribution(string Feature, string Kind, IReadOnlyList<string> Bins, IReadOnlyList<double> Reference, IReadOnlyList<double> Current);

/// <summary>
/// An alert: which check on which feature, how severe (<c>warning</c>, <c>critical</c>), the role to ask, what it says,
/// and its state (<c>open</c> while the violation persists, <c>resolved</c> when a later run no longer finds it).
/// </summary>
public sealed record MonitoringAlert(string Check, string? Feature, string Severity, string Role, string Message)
{
    public string State { get; init; } = "open";
    public Guid? Id { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
}

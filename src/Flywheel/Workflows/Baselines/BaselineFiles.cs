namespace Flywheel.Workflows.Baselines;

/// <summary>
/// The monitoring baseline a package carries as attachments, written at packaging from the training data: Model
/// Monitor's <c>statistics.json</c> and <c>constraints.json</c> (exported under those names by
/// <c>flywheel models baseline</c>), the reference sample the drift tests read (Parquet), and the test split's
/// predictions (scores, decisions, labels, facet values) for the prediction-drift, bias and attribution baselines.
/// </summary>
public static class BaselineFiles
{
    public const string Statistics = "baseline-statistics.json";
    public const string Constraints = "baseline-constraints.json";
    public const string Reference = "baseline-reference.parquet";
    public const string Predictions = "baseline-predictions.json";

    /// <summary>The file names Model Monitor gives the first two when exported.</summary>
    public static IReadOnlyDictionary<string, string> ModelMonitorNames { get; } = new Dictionary<string, string>
    {
        [Statistics] = "statistics.json",
        [Constraints] = "constraints.json",
    };

    /// <summary>At most this many training rows go into the reference sample (a seeded sample when there are more).</summary>
    public const int ReferenceRows = 100_000;

    /// <summary>At most this many reference rows are explained for the attribution baseline.</summary>
    public const int AttributionRows = 500;

    /// <summary>Histogram buckets per numeric feature in <c>statistics.json</c>, as Model Monitor's.</summary>
    public const int Buckets = 10;

    /// <summary>A string feature with more distinct values than this gets no domain (no categorical_values_check).</summary>
    public const int MaxDomain = 1_000;
}

/// <summary>
/// The test split as the model saw it, for monitoring: per row the score (binary: the positive class's probability;
/// multiclass: the predicted class's; regression: the prediction), the observed and predicted label (regression:
/// numbers in invariant text), whether the decision went to a person, and the sensitive columns' values; and the
/// expected rates the decision policy gives (positive share: automatic positives ÷ rows).
/// </summary>
public sealed record PredictionBaseline(
    string Task,
    long Rows,
    double? PositiveShare,
    double ReviewShare,
    IReadOnlyList<double> Scores,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Predicted,
    IReadOnlyList<bool> Reviewed,
    IReadOnlyDictionary<string, IReadOnlyList<string?>> Facets);

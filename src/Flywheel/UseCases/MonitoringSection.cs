namespace Flywheel.UseCases;

/// <summary>
/// The <c>monitoring</c> section: how often the monitoring job runs and over which window, the drift distance,
/// the thresholds that override <see cref="MonitoringThresholds.Defaults"/>, the value of each sensitive column that
/// is Clarify's disadvantaged facet <c>d</c>, and who owns a feature or a check (the role an alert asks).
/// </summary>
/// <param name="Schedule"><c>hourly</c> (default), <c>daily</c>, <c>never</c>, or a five-field cron expression.</param>
/// <param name="Window">How far back a run reads the capture (default 24 h).</param>
/// <param name="Distance"><c>evidently</c> (default: Evidently's choice by type and size) or <c>linf</c> (Model Monitor's L∞ distance for every column).</param>
/// <param name="Facets">Sensitive column → the value that makes a row facet <c>d</c> (e.g. <c>gender: female</c>); columns must be in <c>data.roles.sensitive</c>.</param>
/// <param name="Owners">Feature name or check name (<c>baseline_drift_check</c>, <c>model_quality_check</c>, …) → the role to ask.</param>
public sealed record MonitoringSection(
    string Schedule,
    TimeSpan Window,
    string Distance,
    IReadOnlyDictionary<string, double> Thresholds,
    IReadOnlyDictionary<string, string> Facets,
    IReadOnlyDictionary<string, string> Owners,
    SourcePosition Position)
{
    public static MonitoringSection Default(string file) => new(
        "hourly", TimeSpan.FromHours(24), "evidently", MonitoringThresholds.Defaults,
        new Dictionary<string, string>(), new Dictionary<string, string>(), new SourcePosition(file, 1, 1));

    /// <summary>A threshold as set in the file, else its default.</summary>
    public double Threshold(string name) => Thresholds.TryGetValue(name, out var value) ? value : MonitoringThresholds.Defaults[name];
}

/// <summary>
/// Every threshold the monitoring job knows, with its default from the anchors (Model Monitor's
/// <c>monitoring_config</c>, Evidently's drift defaults, Model Monitor's NDCG alert). A name not listed here is an
/// error in the file.
/// </summary>
public static class MonitoringThresholds
{
    /// <summary>Model Monitor: share of values of another type before <c>data_type_check</c> fires.</summary>
    public const string DataType = "datatype_check_threshold";
    /// <summary>Model Monitor: share of values outside the baseline's domain before <c>categorical_values_check</c> fires.</summary>
    public const string DomainContent = "domain_content_threshold";
    /// <summary>How far completeness may fall below the baseline's (a share) before <c>completeness_check</c> fires.</summary>
    public const string Completeness = "completeness_threshold";
    /// <summary>Model Monitor: the L∞ distance above which <c>baseline_drift_check</c> fires (with <c>distance: linf</c>).</summary>
    public const string Comparison = "comparison_threshold";
    /// <summary>Evidently: p-value below which KS, chi-square and Z say drift.</summary>
    public const string PValue = "p_value";
    /// <summary>Evidently: normed Wasserstein distance above which a numeric column drifts (large reference).</summary>
    public const string Wasserstein = "wasserstein";
    /// <summary>Evidently: Jensen–Shannon distance above which a categorical column drifts (large reference).</summary>
    public const string JensenShannon = "jensen_shannon";
    /// <summary>PSI above which a column is reported as shifted.</summary>
    public const string Psi = "psi";
    /// <summary>Evidently: share of drifted columns at or above which the dataset drifts.</summary>
    public const string DriftShare = "drift_share";
    /// <summary>Model Monitor: NDCG of the importance ranking below which attribution drifts.</summary>
    public const string Ndcg = "ndcg";
    /// <summary>How far a quality metric may fall below its test-split value (absolute) before <c>model_quality_check</c> fires.</summary>
    public const string QualityDrop = "quality_drop";
    /// <summary>How far realized value per item may fall below the promise (a share of its magnitude) before <c>realized_value_check</c> fires.</summary>
    public const string ValueShortfall = "value_shortfall";
    /// <summary>How far a post-training bias metric may move from its baseline value (absolute) before <c>bias_drift_check</c> fires.</summary>
    public const string BiasChange = "bias_change";
    /// <summary>
    /// The fewest rows a window needs before drift and attribution drift are judged, and the fewest labelled rows before
    /// model quality, realized value and bias are (they are still reported below it): one row "drifts" from any
    /// reference, and a window of three labels says nothing about accuracy.
    /// </summary>
    public const string MinRows = "min_rows";

    public static IReadOnlyDictionary<string, double> Defaults { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [DataType] = 0.1,
        [DomainContent] = 0.1,
        [Completeness] = 0.1,
        [Comparison] = 0.1,
        [PValue] = 0.05,
        [Wasserstein] = 0.1,
        [JensenShannon] = 0.1,
        [Psi] = 0.1,
        [DriftShare] = 0.5,
        [Ndcg] = 0.90,
        [QualityDrop] = 0.05,
        [ValueShortfall] = 0.2,
        [BiasChange] = 0.1,
        [MinRows] = 30,
    };
}

internal static class MonitoringSectionReader
{
    private static readonly string[] Distances = ["evidently", "linf"];

    public static MonitoringSection Read(MappingReader section, DataSection? data)
    {
        var schedule = section.String("schedule") is { } scheduleText ? Schedule(scheduleText) : "hourly";
        var window = section.String("window") is { } windowText ? TrainingSectionReader.ParseDuration(windowText) : TimeSpan.FromHours(24);
        var distance = section.String("distance") is { } distanceText
            ? Distances.Contains(distanceText.Value) ? distanceText.Value : throw distanceText.Position.Error($"'monitoring.distance' is 'evidently' or 'linf', not '{distanceText.Value}'")
            : "evidently";

        var thresholds = new Dictionary<string, double>(MonitoringThresholds.Defaults, StringComparer.Ordinal);
        if (section.Mapping("thresholds") is { } thresholdMap)
        {
            foreach (var (key, node) in thresholdMap.Entries())
            {
                if (!MonitoringThresholds.Defaults.ContainsKey(key.Value))
                    throw key.Position.Error($"'monitoring.thresholds' has no threshold '{key.Value}'; known: {string.Join(", ", MonitoringThresholds.Defaults.Keys)}");
                var value = thresholdMap.NumberOf(node, key.Value);
                if (!double.IsFinite(value) || value < 0)
                    throw thresholdMap.At(node, $"'monitoring.thresholds.{key.Value}' must be a non-negative number, not {value}");
                thresholds[key.Value] = value;
            }
        }

        var facets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section.Mapping("facets") is { } facetMap)
        {
            var sensitive = data?.Roles.Sensitive ?? [];
            foreach (var (key, node) in facetMap.Entries())
            {
                if (!sensitive.Contains(key.Value, StringComparer.Ordinal))
                    throw key.Position.Error($"'monitoring.facets.{key.Value}' names a column that is not in data.roles.sensitive ({(sensitive.Count == 0 ? "none declared" : string.Join(", ", sensitive))})");
                facets[key.Value] = facetMap.ScalarOf(node, key.Value).Value;
            }
        }

        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section.Mapping("owners") is { } ownerMap)
        {
            foreach (var (key, node) in ownerMap.Entries()) owners[key.Value] = ownerMap.ScalarOf(node, key.Value).Value;
        }

        section.RejectUnknownKeys();
        return new MonitoringSection(schedule, window, distance, thresholds, facets, owners, section.Position);
    }

    private static string Schedule(Positioned<string> text)
    {
        var value = text.Value.Trim();
        if (value is "hourly" or "daily" or "never") return value;
        if (value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5) return value;
        throw text.Position.Error($"'monitoring.schedule' is 'hourly', 'daily', 'never' or a five-field cron expression, not '{text.Value}'");
    }
}

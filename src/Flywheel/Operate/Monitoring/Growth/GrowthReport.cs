namespace Flywheel.Operate.Monitoring.Growth;

/// <summary>
/// The growth cycle of a use case as time series (UTC days, oldest first) and the seed's three conditions judged from
/// them: <b>usage</b> (inferences per day and model version), <b>data</b> (captured and labelled rows per day), <b>accuracy</b>
/// (quality per day and version, from stored monitoring runs) and <b>KPI</b> (realized value per day against the promise).
/// </summary>
public sealed record GrowthReport(
    string UseCase, IReadOnlyList<string> Endpoints, string? Metric, IReadOnlyList<UsagePoint> Usage, IReadOnlyList<DataPoint> Data,
    IReadOnlyList<AccuracyPoint> Accuracy, IReadOnlyList<KpiPoint> Kpi, IReadOnlyList<GrowthCondition> Conditions);

public sealed record UsagePoint(DateOnly Day, string ModelVersion, long Inferences);

/// <summary>Rows captured on a day, how many of them carry a label (ground truth or a person's), and the running totals.</summary>
public sealed record DataPoint(DateOnly Day, long Captured, long Labelled, long CapturedTotal, long LabelledTotal);

public sealed record AccuracyPoint(DateOnly Day, string ModelVersion, string Metric, double Value, long Rows);

public sealed record KpiPoint(DateOnly Day, double RealizedPerDay, double? PromisedPerDay, string Currency);

public static class GrowthVerdicts
{
    public const string Met = "met";
    public const string NotMet = "not met";
    public const string NoEvidence = "no evidence";
}

/// <summary>One condition: its verdict, the rule it was judged by, and the figures it was judged on.</summary>
public sealed record GrowthCondition(string Id, string Name, string Verdict, string Rule, string Explanation, IReadOnlyDictionary<string, double?> Figures);

/// <summary>
/// What the conditions compare production against, from the use case: the plan's customer-experience metric
/// (<c>plan.metric.figure</c> <c>model.recall</c> → <c>recall</c>), the figures the plan's manual and rule steps
/// declare for it (<c>measured: metric</c>), and the value per day without the model (the best declared
/// <c>decision.value_per_day</c> of those steps, else 0: no action).
/// </summary>
public sealed record GrowthBaselines(string? Metric, bool HigherIsBetter, IReadOnlyDictionary<string, double> StepFigures, double NoModelValuePerDay, string NoModelSource);

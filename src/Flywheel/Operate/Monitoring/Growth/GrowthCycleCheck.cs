using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Growth;

/// <summary>What the check says of one stated condition.</summary>
public static class GrowthCheckFlags
{
    public const string NotStated = "not stated";
    public const string NoMetric = "no metric";
    public const string ContraryEvidence = "contrary evidence";
    public const string Supported = "supported";
    public const string AwaitingEvidence = "awaiting evidence";
}

/// <summary>
/// One of the three conditions as the team stated it in <c>canvas.growth</c>, the figure it is linked to and that
/// figure's current value, the evidence's verdict (<see cref="GrowthVerdicts"/>, from <see cref="GrowthReport"/>) and the flag.
/// </summary>
public sealed record GrowthCheckItem(string Key, string ConditionId, string? Statement, string? Metric, double? Evidence, string Verdict, string Flag, string Explanation);

/// <summary>
/// The growth-cycle check of the canvas: each condition the team states (<c>solves_problem</c>, <c>moves_kpi</c>,
/// <c>more_data</c>) against the growth evidence. Flags, first that applies: <c>not stated</c> (no statement),
/// <c>no metric</c> (none linked, or one that cannot evidence that condition), <c>contrary evidence</c> (the evidence
/// says not met), <c>supported</c> (met), else <c>awaiting evidence</c>.
/// </summary>
public static class GrowthCycleCheck
{
    /// <summary>The growth report's condition id for each canvas key.</summary>
    public static string ConditionId(string key) => key switch
    {
        CanvasKeys.SolvesProblem => "solves-problem",
        CanvasKeys.MovesKpi => "moves-kpi",
        CanvasKeys.MoreData => "more-use-better-model",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a growth condition"),
    };

    /// <summary>Whether <paramref name="figure"/> can evidence the condition: the customer's problem by the experience metric, the KPI by realized value, more data by labels.</summary>
    public static bool CanEvidence(string key, string figure) => key switch
    {
        CanvasKeys.SolvesProblem => figure == CanvasKeys.PlanMetric || CanvasKeys.ModelMetric(figure) is not null,
        CanvasKeys.MovesKpi => figure == CanvasKeys.RealizedValuePerDay,
        CanvasKeys.MoreData => figure is CanvasKeys.LabelledPerDay or CanvasKeys.LabelledTotal,
        _ => false,
    };

    public static IReadOnlyList<GrowthCheckItem> Judge(CanvasSection? canvas, GrowthReport? evidence) =>
        CanvasKeys.Conditions.Select(key => Judge(key, canvas?.Condition(key), evidence)).ToList();

    private static GrowthCheckItem Judge(string key, GrowthStatementSpec? stated, GrowthReport? evidence)
    {
        var id = ConditionId(key);
        var condition = evidence?.Conditions.FirstOrDefault(c => c.Id == id);
        var verdict = condition?.Verdict ?? GrowthVerdicts.NoEvidence;
        var metric = stated?.Metric?.Value;
        var value = metric is not null && evidence is not null ? Figure(metric, evidence) : null;
        GrowthCheckItem Item(string flag, string why) => new(key, id, stated?.Statement, metric, value, verdict, flag, why);

        if (stated?.Statement is null) return Item(GrowthCheckFlags.NotStated, "the team has not stated this condition in canvas.growth");
        if (metric is null) return Item(GrowthCheckFlags.NoMetric, "no metric is linked to the statement, so nothing can show whether it holds");
        if (!CanEvidence(key, metric)) return Item(GrowthCheckFlags.NoMetric, $"{metric} cannot evidence this condition; link one of: {string.Join(", ", Evidencing(key))}");
        return verdict switch
        {
            GrowthVerdicts.NotMet => Item(GrowthCheckFlags.ContraryEvidence, condition!.Explanation),
            GrowthVerdicts.Met => Item(GrowthCheckFlags.Supported, condition!.Explanation),
            _ => Item(GrowthCheckFlags.AwaitingEvidence, condition?.Explanation ?? "no growth evidence yet"),
        };
    }

    public static IReadOnlyList<string> Evidencing(string key) => key switch
    {
        CanvasKeys.SolvesProblem => [CanvasKeys.PlanMetric, "model.<metric>"],
        CanvasKeys.MovesKpi => [CanvasKeys.RealizedValuePerDay],
        _ => [CanvasKeys.LabelledPerDay, CanvasKeys.LabelledTotal],
    };

    /// <summary>The current value of a linked figure in the evidence, or null when it has none yet.</summary>
    public static double? Figure(string figure, GrowthReport evidence)
    {
        switch (figure)
        {
            case CanvasKeys.PlanMetric:
                return evidence.Metric is { } planMetric ? Latest(evidence, planMetric) : null;
            case CanvasKeys.RealizedValuePerDay:
                var recent = evidence.Kpi.OrderBy(k => k.Day).TakeLast(GrowthConditions.RecentDays).ToList();
                return recent.Count == 0 ? null : recent.Average(k => k.RealizedPerDay);
            case CanvasKeys.LabelledPerDay:
                var days = evidence.Data.OrderBy(d => d.Day).TakeLast(GrowthConditions.RecentDays).ToList();
                return days.Count == 0 ? null : days.Average(d => (double)d.Labelled);
            case CanvasKeys.LabelledTotal:
                return evidence.Data.Count == 0 ? null : evidence.Data.MaxBy(d => d.Day)!.LabelledTotal;
        }
        return CanvasKeys.ModelMetric(figure) is { } metric ? Latest(evidence, metric) : null;
    }

    // The rows-weighted value over the last days with that metric measured, as the solves-problem condition weighs it.
    private static double? Latest(GrowthReport evidence, string metric)
    {
        var points = evidence.Accuracy.Where(a => a.Metric == metric).ToList();
        if (points.Count == 0) return null;
        var days = points.Select(p => p.Day).Distinct().OrderBy(d => d).TakeLast(GrowthConditions.RecentDays).ToHashSet();
        var recent = points.Where(p => days.Contains(p.Day)).ToList();
        var rows = recent.Sum(p => (double)Math.Max(1, p.Rows));
        return recent.Sum(p => p.Value * Math.Max(1, p.Rows)) / rows;
    }
}

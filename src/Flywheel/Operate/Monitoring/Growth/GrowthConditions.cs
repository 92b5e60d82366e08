using System.Globalization;

namespace Flywheel.Operate.Monitoring.Growth;

/// <summary>
/// The seed's three conditions, judged from the series (docs/monitoring.md, "Growth cycle"):
/// (1) <b>solves the problem</b>: the plan metric in production (rows-weighted over the last 7 days with quality) beats the
/// best of the plan's manual/rule steps' figures; (2) <b>moves the KPI</b>: realized value per day (mean of the last 7 days)
/// is above the no-model value per day; (3) <b>more use, better model</b>: labels per day grow (mean of the later half of
/// the days above the earlier half's) and the newest version's quality is at least the previous version's.
/// A condition without the figures it needs is <c>no evidence</c>; contrary figures make it <c>not met</c>.
/// </summary>
public static class GrowthConditions
{
    public const int RecentDays = 7;

    public static IReadOnlyList<GrowthCondition> Judge(IReadOnlyList<DataPoint> data, IReadOnlyList<AccuracyPoint> accuracy, IReadOnlyList<KpiPoint> kpi, GrowthBaselines baselines) =>
        [SolvesProblem(accuracy, baselines), MovesKpi(kpi, baselines), MoreUseBetterModel(data, accuracy, baselines)];

    public static GrowthCondition SolvesProblem(IReadOnlyList<AccuracyPoint> accuracy, GrowthBaselines baselines)
    {
        const string rule = "the plan metric in production (rows-weighted, last 7 days with quality) beats the best figure of the plan's manual and rule steps";
        const string name = "the model solves the customer's problem";
        if (baselines.Metric is not { } metric) return new("solves-problem", name, GrowthVerdicts.NoEvidence, rule, "the use case has no plan metric (plan.metric.figure: model.<metric>)", new Dictionary<string, double?>());
        var production = Recent(accuracy.Where(a => a.Metric == metric).ToList());
        var figures = new Dictionary<string, double?>(StringComparer.Ordinal) { ["production"] = production };
        foreach (var (step, value) in baselines.StepFigures) figures[step] = value;
        if (production is null) return new("solves-problem", name, GrowthVerdicts.NoEvidence, rule, $"no monitoring run has measured {metric} on labelled production rows yet", figures);
        if (baselines.StepFigures.Count == 0) return new("solves-problem", name, GrowthVerdicts.NoEvidence, rule, $"no manual or rule step of the plan declares its {metric}", figures);
        var best = baselines.HigherIsBetter ? baselines.StepFigures.Values.Max() : baselines.StepFigures.Values.Min();
        var better = baselines.HigherIsBetter ? production > best : production < best;
        return new("solves-problem", name, better ? GrowthVerdicts.Met : GrowthVerdicts.NotMet, rule,
            $"{metric} in production {F(production)} {(better ? "beats" : "does not beat")} the best step without the model ({F(best)})", figures);
    }

    public static GrowthCondition MovesKpi(IReadOnlyList<KpiPoint> kpi, GrowthBaselines baselines)
    {
        const string rule = "realized value per day (mean of the last 7 days) is above the value per day without the model";
        const string name = "the better experience moves the KPI";
        var recent = kpi.OrderBy(k => k.Day).TakeLast(RecentDays).ToList();
        var figures = new Dictionary<string, double?>(StringComparer.Ordinal) { ["noModelPerDay"] = baselines.NoModelValuePerDay };
        if (recent.Count == 0) return new("moves-kpi", name, GrowthVerdicts.NoEvidence, rule, "no realized value yet (ground truth and prices are needed)", figures);
        var realized = recent.Average(k => k.RealizedPerDay);
        figures["realizedPerDay"] = realized;
        figures["promisedPerDay"] = recent.LastOrDefault(k => k.PromisedPerDay is not null)?.PromisedPerDay;
        var above = realized > baselines.NoModelValuePerDay;
        return new("moves-kpi", name, above ? GrowthVerdicts.Met : GrowthVerdicts.NotMet, rule,
            $"realized {F(realized)} {recent[^1].Currency}/day is {(above ? "above" : "not above")} {F(baselines.NoModelValuePerDay)} {recent[^1].Currency}/day without the model ({baselines.NoModelSource})", figures);
    }

    public static GrowthCondition MoreUseBetterModel(IReadOnlyList<DataPoint> data, IReadOnlyList<AccuracyPoint> accuracy, GrowthBaselines baselines)
    {
        const string rule = "labels per day grow (later half of the days above the earlier half) and the newest version's quality is at least the previous version's";
        const string name = "more use brings more labelled data and a better next model";
        var figures = new Dictionary<string, double?>(StringComparer.Ordinal);
        var days = data.OrderBy(d => d.Day).ToList();
        bool? growing = null;
        if (days.Count >= 2)
        {
            var half = days.Count / 2;
            var earlier = days.Take(half).Average(d => (double)d.Labelled);
            var later = days.Skip(days.Count - half).Average(d => (double)d.Labelled);
            figures["labelsPerDayEarlier"] = earlier;
            figures["labelsPerDayLater"] = later;
            growing = later > earlier;
        }
        var metric = baselines.Metric ?? accuracy.Select(a => a.Metric).FirstOrDefault();
        var versions = accuracy.Where(a => a.Metric == metric).GroupBy(a => a.ModelVersion)
            .Select(g => (Version: g.Key, Value: Weighted(g.ToList()))).OrderBy(v => VersionNumber(v.Version)).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();
        bool? improving = null;
        if (versions.Count >= 2)
        {
            var (previous, newest) = (versions[^2], versions[^1]);
            figures[$"{metric}:{previous.Version}"] = previous.Value;
            figures[$"{metric}:{newest.Version}"] = newest.Value;
            improving = baselines.HigherIsBetter ? newest.Value >= previous.Value : newest.Value <= previous.Value;
        }
        var verdict = growing == false || improving == false ? GrowthVerdicts.NotMet
            : growing == true && improving == true ? GrowthVerdicts.Met : GrowthVerdicts.NoEvidence;
        var why = new List<string>
        {
            growing is null ? "fewer than two days of capture" : growing.Value ? "labels per day grow" : "labels per day do not grow",
            improving is null ? "fewer than two model versions with measured quality" : improving.Value ? $"{versions[^1].Version} is at least as good as {versions[^2].Version}" : $"{versions[^1].Version} is worse than {versions[^2].Version}",
        };
        return new("more-use-better-model", name, verdict, rule, string.Join("; ", why), figures);
    }

    private static double? Recent(IReadOnlyList<AccuracyPoint> points)
    {
        if (points.Count == 0) return null;
        var days = points.Select(p => p.Day).Distinct().OrderBy(d => d).TakeLast(RecentDays).ToHashSet();
        return Weighted(points.Where(p => days.Contains(p.Day)).ToList());
    }

    private static double Weighted(IReadOnlyList<AccuracyPoint> points)
    {
        var rows = points.Sum(p => (double)Math.Max(1, p.Rows));
        return points.Sum(p => p.Value * Math.Max(1, p.Rows)) / rows;
    }

    /// <summary>The number of <c>churn:3</c> (versions order by it, not as text: 10 after 9).</summary>
    public static int VersionNumber(string version) =>
        int.TryParse(version[(version.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    private static string F(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "—";
}

using System.Globalization;
using Flywheel.Evaluation.Metrics;
using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Alerts;

/// <summary>What a run found that deserves an alert, before it is matched against the open alerts of the store.</summary>
public sealed record AlertCandidate(string Check, string? Feature, string Severity, string Role, string Message, IReadOnlyDictionary<string, object?> Evidence);

public static class AlertSeverity
{
    public const string Warning = "warning";
    public const string Critical = "critical";
}

/// <summary>
/// Turns a <see cref="MonitoringReport"/> into alert candidates: one per violation, per drifted feature
/// (<c>baseline_drift_check</c>), dataset drift, model quality below its test value by more than <c>quality_drop</c>,
/// realized value per item short of the promise by more than <c>value_shortfall</c> of its magnitude, each drifted
/// bias metric (<c>bias_drift_check</c>, feature <c>column:metric</c>), and attribution NDCG below <c>ndcg</c>.
/// Quality, value and bias alert only from <c>min_rows</c> labelled rows.
/// Severity: critical for dataset drift, model quality, realized value and a missing column; warning otherwise.
/// One candidate per (check, feature): a violation and a drift of the same feature merge their evidence.
/// </summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertCandidate> From(MonitoringReport report, UseCase useCase)
    {
        var settings = useCase.MonitoringOrDefault;
        // Below min_rows labelled rows, quality, value and bias are shown but not alerted on (the engine says so in a notice).
        var labelsJudged = report.Quality is { } labelled && labelled.Rows >= settings.Threshold(MonitoringThresholds.MinRows);
        var found = new List<(string Check, string? Feature, string Message, Dictionary<string, object?> Evidence)>();
        foreach (var violation in report.Violations)
            found.Add((violation.Check, violation.Feature, violation.Description,
                new() { ["observed"] = violation.Observed, ["threshold"] = violation.Threshold, ["description"] = violation.Description }));
        foreach (var drift in report.Drift.Where(d => d.Drifted))
            found.Add((CheckTypes.BaselineDrift, drift.Feature,
                $"{drift.Feature} drifted: {drift.Method} {Number(drift.Statistic)}{(drift.PValue is { } p ? $" (p = {Number(p)})" : "")}, threshold {Number(drift.Threshold)}, PSI {Number(drift.Psi)}",
                new()
                {
                    ["kind"] = drift.Kind, ["method"] = drift.Method, ["statistic"] = drift.Statistic, ["pValue"] = drift.PValue, ["threshold"] = drift.Threshold,
                    ["psi"] = drift.Psi, ["referenceRows"] = drift.ReferenceRows, ["currentRows"] = drift.CurrentRows,
                }));
        if (report.DatasetDrift.Drifted)
            found.Add((CheckTypes.DatasetDrift, null,
                $"{report.DatasetDrift.DriftedColumns} of {report.DatasetDrift.Columns} columns drifted (share {Number(report.DatasetDrift.Share)} ≥ {Number(report.DatasetDrift.Threshold)})",
                new() { ["share"] = report.DatasetDrift.Share, ["threshold"] = report.DatasetDrift.Threshold, ["driftedColumns"] = report.DatasetDrift.DriftedColumns, ["columns"] = report.DatasetDrift.Columns }));
        if (labelsJudged && report.Quality is { } quality && QualityDrops(quality, settings.Threshold(MonitoringThresholds.QualityDrop)) is { Count: > 0 } drops)
            found.Add((CheckTypes.ModelQuality, null,
                "model quality fell below its test value: " + string.Join(", ", drops.Select(d => $"{d.Key} {Number(d.Value.Now)} vs {Number(d.Value.Expected)}")),
                new()
                {
                    ["rows"] = quality.Rows, ["threshold"] = settings.Threshold(MonitoringThresholds.QualityDrop),
                    ["metrics"] = drops.ToDictionary(d => d.Key, d => (object?)new { now = d.Value.Now, expected = d.Value.Expected, drop = d.Value.Drop }),
                }));
        if (labelsJudged && report.RealizedValue is { } value && Shortfall(value) is { } shortfall && shortfall > settings.Threshold(MonitoringThresholds.ValueShortfall))
            found.Add((CheckTypes.RealizedValue, null,
                $"realized value {Number(value.PerItem)} {value.Currency}/item ({Number(value.PerDay)} {value.Currency}/day) is {shortfall:P0} short of the promised {Number(value.PromisedPerItem)} {value.Currency}/item ({Number(value.PromisedPerDay)} {value.Currency}/day)",
                new()
                {
                    ["perItem"] = value.PerItem, ["perDay"] = value.PerDay, ["promisedPerItem"] = value.PromisedPerItem, ["promisedPerDay"] = value.PromisedPerDay,
                    ["currency"] = value.Currency, ["items"] = value.Items, ["shortfall"] = shortfall, ["threshold"] = settings.Threshold(MonitoringThresholds.ValueShortfall),
                }));
        foreach (var facet in labelsJudged ? report.Bias?.Facets ?? [] : [])
        {
            foreach (var metric in facet.Drifted)
            {
                var now = facet.PostTraining?.GetValueOrDefault(metric) ?? facet.PreTraining?.GetValueOrDefault(metric);
                var baseline = facet.Baseline?.GetValueOrDefault(metric);
                found.Add((CheckTypes.BiasDrift, $"{facet.Column}:{metric}",
                    $"{metric} for {facet.Column} = {facet.Value} moved to {Number(now)} from {Number(baseline)} at the baseline",
                    new() { ["column"] = facet.Column, ["facet"] = facet.Value, ["metric"] = metric, ["value"] = now, ["baseline"] = baseline, ["threshold"] = settings.Threshold(MonitoringThresholds.BiasChange) }));
            }
        }
        if (report.Attribution is { Drifted: true } attribution)
            found.Add((CheckTypes.AttributionDrift, null,
                $"the feature-importance ranking changed: NDCG {Number(attribution.Ndcg)} < {Number(attribution.Threshold)}",
                new() { ["ndcg"] = attribution.Ndcg, ["threshold"] = attribution.Threshold, ["baseline"] = attribution.Baseline, ["current"] = attribution.Current }));

        return found.GroupBy(f => (f.Check, f.Feature)).Select(group =>
        {
            var first = group.First();
            var evidence = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (_, _, _, more) in group)
                foreach (var (key, item) in more) evidence.TryAdd(key, item);
            return new AlertCandidate(first.Check, first.Feature, SeverityOf(first.Check), AlertRoles.For(first.Check, first.Feature, useCase),
                string.Join("; ", group.Select(g => g.Message).Distinct()), evidence);
        }).ToList();
    }

    public static string SeverityOf(string check) => check is CheckTypes.DatasetDrift or CheckTypes.ModelQuality or CheckTypes.RealizedValue or CheckTypes.MissingColumn
        ? AlertSeverity.Critical : AlertSeverity.Warning;

    /// <summary>The share of the promise's magnitude that realized value per item falls short by (0 when it meets it).</summary>
    public static double? Shortfall(RealizedValue value)
    {
        var scale = Math.Abs(value.PromisedPerItem);
        if (!double.IsFinite(value.PerItem) || !double.IsFinite(value.PromisedPerItem) || scale == 0) return null;
        return Math.Max(0, (value.PromisedPerItem - value.PerItem) / scale);
    }

    /// <summary>The metrics that fell below (or, lower-is-better, rose above) their test value by more than <paramref name="threshold"/>.</summary>
    public static Dictionary<string, (double Now, double Expected, double Drop)> QualityDrops(QualityReport quality, double threshold)
    {
        var drops = new Dictionary<string, (double, double, double)>(StringComparer.Ordinal);
        foreach (var (name, expected) in quality.Expected)
        {
            if (!quality.Metrics.TryGetValue(name, out var now) || !double.IsFinite(now) || !double.IsFinite(expected)) continue;
            var higherIsBetter = MetricCatalog.Definitions.FirstOrDefault(d => d.Name == name)?.HigherIsBetter ?? true;
            var drop = higherIsBetter ? expected - now : now - expected;
            if (drop > threshold) drops[name] = (now, expected, drop);
        }
        return drops;
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "—";
}

using System.Globalization;
using System.Text.RegularExpressions;
using Flywheel.Evaluation.Metrics;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Growth;

/// <summary>
/// Builds a <see cref="GrowthReport"/>: usage and data from the capture (non-shadow records per UTC day and model
/// version; a row is labelled when ground truth or a person's label names its inference id, counted on the day of the
/// inference), accuracy and KPI from the stored monitoring runs (a run's quality over time per window start day,
/// attributed to the newest model version of its window; realized value per day; on a day several runs measured, the
/// latest run wins).
/// </summary>
public static partial class GrowthEvidence
{
    /// <summary>
    /// The growth report of <paramref name="endpoints"/>' evidence in the window. It is kept per use-case file, window
    /// and state of the evidence (the capture and ground-truth files on disk, the set of people's labels, the stored
    /// runs), so a dashboard visit reads the capture again only when something was captured, labelled or monitored.
    /// </summary>
    public static async Task<GrowthReport> BuildAsync(UseCase useCase, IReadOnlyList<string> endpoints, CaptureReader capture, IHumanLabels? humanLabels,
        MonitoringStore store, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellation = default)
    {
        var labelled = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var stamp = new System.Text.StringBuilder().AppendJoin('|', useCase.FilePath, useCase.Fingerprint, capture.Root, since?.UtcTicks, until?.UtcTicks);
        foreach (var endpoint in endpoints)
        {
            labelled[endpoint] = humanLabels is null ? [] : (await humanLabels.ListAsync(endpoint, since, until, cancellation)).Select(l => l.InferenceId).ToHashSet(StringComparer.Ordinal);
            stamp.Append('|').Append(endpoint).Append(':').Append(capture.Stamp(Window(endpoint, since, until)))
                .Append(':').Append(ContentHash.OfBytes(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", labelled[endpoint].Order(StringComparer.Ordinal)))));
        }
        var runs = await store.RunsStampAsync(endpoints, cancellation);
        var key = stamp.Append(CultureInfo.InvariantCulture, $"|runs:{runs.Runs}:{runs.Newest}").ToString();
        if (Kept.TryGet(key, out var kept)) return kept;
        var report = await ComputeAsync(useCase, endpoints, capture, labelled, store, since, until, cancellation);
        Kept.Set(key, report);
        return report;
    }

    private static readonly BoundedMemo<GrowthReport> Kept = new(32);

    private static CaptureQuery Window(string endpoint, DateTimeOffset? since, DateTimeOffset? until) => new(endpoint) { Since = since, Until = until, WithGroundTruth = true };

    private static async Task<GrowthReport> ComputeAsync(UseCase useCase, IReadOnlyList<string> endpoints, CaptureReader capture, Dictionary<string, HashSet<string>> labelledBy,
        MonitoringStore store, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellation)
    {
        var usage = new Dictionary<(DateOnly, string), long>();
        var captured = new SortedDictionary<DateOnly, (long Rows, long Labelled)>();
        foreach (var endpoint in endpoints)
        {
            var labelled = labelledBy[endpoint];
            foreach (var record in capture.Outlines(Window(endpoint, since, until), cancellation))
            {
                if (record.Shadow) continue;
                var day = DateOnly.FromDateTime(record.Time.UtcDateTime);
                var key = (day, record.ModelVersion);
                usage[key] = usage.GetValueOrDefault(key) + 1;
                var (rows, labels) = captured.GetValueOrDefault(day);
                var isLabelled = record.HasGroundTruth || labelled.Contains(record.InferenceId);
                captured[day] = (rows + 1, labels + (isLabelled ? 1 : 0));
            }
        }
        var data = new List<DataPoint>();
        long capturedTotal = 0, labelledTotal = 0;
        foreach (var (day, (rows, labels)) in captured)
        {
            capturedTotal += rows;
            labelledTotal += labels;
            data.Add(new DataPoint(day, rows, labels, capturedTotal, labelledTotal));
        }

        var runs = await store.ReportsAsync(endpoints, cancellation);
        var (accuracy, kpi) = FromRuns(runs.Select(r => r.Report).ToList());
        var baselines = Baselines(useCase);
        return new GrowthReport(useCase.Name, endpoints, baselines.Metric,
            usage.Select(u => new UsagePoint(u.Key.Item1, u.Key.Item2, u.Value)).OrderBy(u => u.Day).ThenBy(u => GrowthConditions.VersionNumber(u.ModelVersion)).ToList(),
            data, accuracy, kpi, GrowthConditions.Judge(data, accuracy, kpi, baselines));
    }

    /// <summary>Accuracy and KPI points from stored reports, oldest run first (a later run's point of the same day replaces an earlier one's).</summary>
    public static (IReadOnlyList<AccuracyPoint> Accuracy, IReadOnlyList<KpiPoint> Kpi) FromRuns(IReadOnlyList<MonitoringReport> reports)
    {
        var accuracy = new Dictionary<(DateOnly, string, string), AccuracyPoint>();
        var kpi = new Dictionary<DateOnly, KpiPoint>();
        foreach (var report in reports)
        {
            var version = report.ModelVersions.LastOrDefault() ?? "unknown";
            var points = report.QualityOverTime.Count > 0 ? report.QualityOverTime
                : report.Quality is { } quality ? [new QualityPoint(report.Window.From, report.Window.To, quality.Rows, quality.Metrics)] : [];
            foreach (var point in points)
            {
                var day = DateOnly.FromDateTime(point.From.UtcDateTime);
                foreach (var (metric, value) in point.Metrics.Where(m => double.IsFinite(m.Value)))
                    accuracy[(day, version, metric)] = new AccuracyPoint(day, version, metric, value, point.Rows);
            }
            if (report.RealizedValue is not { } realized) continue;
            var days = report.ValueOverTime.Count > 0 ? report.ValueOverTime
                : [new ValuePoint(DateOnly.FromDateTime(report.Window.To.UtcDateTime), realized.Items, realized.PerItem, realized.PerDay)];
            foreach (var day in days) kpi[day.Day] = new KpiPoint(day.Day, day.PerDay, realized.PromisedPerDay, realized.Currency);
        }
        return (accuracy.Values.OrderBy(a => a.Day).ThenBy(a => GrowthConditions.VersionNumber(a.ModelVersion)).ThenBy(a => a.Metric, StringComparer.Ordinal).ToList(),
            kpi.Values.OrderBy(k => k.Day).ToList());
    }

    /// <summary>The plan metric, the figures the non-ML steps declare for it, and the value per day without the model.</summary>
    public static GrowthBaselines Baselines(UseCase useCase)
    {
        var figure = useCase.Plan?.Metric.Figure;
        var metric = figure is not null && figure.StartsWith("model.", StringComparison.Ordinal) ? figure["model.".Length..] : useCase.Training?.Objective;
        var higher = metric is null || (MetricCatalog.Definitions.FirstOrDefault(d => d.Name == metric)?.HigherIsBetter ?? true);
        var steps = new Dictionary<string, double>(StringComparer.Ordinal);
        double? noModel = null;
        string source = "no action: 0";
        foreach (var step in useCase.Plan?.Steps.Where(s => s.Kind != PlanStepKind.Ml) ?? [])
        {
            foreach (var measured in step.Measured)
            {
                if (Leading(measured.Expression.Value) is not { } value) continue;
                if (measured.Name == "metric" || measured.Name == figure) steps[step.Name] = value;
                if (measured.Name == "decision.value_per_day" && (noModel is null || value > noModel))
                {
                    noModel = value;
                    source = $"plan step '{step.Name}'";
                }
            }
        }
        return new GrowthBaselines(metric, higher, steps, noModel ?? 0, source);
    }

    // "-2033000 JPY/day", "0.28": the number the figure starts with (a formula is not a declared figure).
    private static double? Leading(string expression)
    {
        var match = LeadingNumber().Match(expression.Trim());
        return match.Success && double.TryParse(match.Groups[1].Value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^([-+]?[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)(?:\s+[A-Za-z/%]+)?$")]
    private static partial Regex LeadingNumber();
}

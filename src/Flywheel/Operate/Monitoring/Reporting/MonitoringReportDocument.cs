using System.Globalization;
using Flywheel.Operate.Monitoring.Growth;
using Flywheel.Reports;
using Flywheel.Reports.Charts;

namespace Flywheel.Operate.Monitoring.Reporting;

/// <summary>
/// The monitoring page as a <see cref="ReportDocument"/> (HTML through <see cref="HtmlRenderer"/>, JSON through
/// <see cref="ReportJson"/> for the UI): key figures, alerts with the role to ask, the drift table sorted by severity,
/// each feature's reference vs current distribution overlaid, quality and realized value over time, bias and
/// attribution tables, and the growth cycle with its three conditions when given.
/// </summary>
public static class MonitoringReportDocument
{
    public static ReportDocument Build(MonitoringReport report, GrowthReport? growth = null)
    {
        var document = new ReportDocument($"Monitoring: {report.Endpoint}",
            $"{report.UseCase} · {Time(report.Window.From)} – {Time(report.Window.To)} · {string.Join(", ", report.ModelVersions)}");
        document.AddSection("Summary").KeyFigures(
            new KeyFigure("Rows", Number(report.Window.Rows)),
            new KeyFigure("Drifted features", $"{report.Drift.Count(d => d.Drifted)} of {report.Drift.Count}"),
            new KeyFigure("Dataset drift", report.DatasetDrift.Drifted ? "yes" : "no", $"share {NumberText.Percent(report.DatasetDrift.Share)} (≥ {NumberText.Percent(report.DatasetDrift.Threshold)})"),
            new KeyFigure("Violations", Number(report.Violations.Count)),
            new KeyFigure("Alerts", Number(report.Alerts.Count)));
        Alerts(document, report);
        Drift(document, report);
        Distributions(document, report);
        Quality(document, report);
        Value(document, report);
        Bias(document, report);
        Attribution(document, report);
        if (growth is not null) GrowthSections.Add(document, growth);
        return document;
    }

    private static void Alerts(ReportDocument document, MonitoringReport report)
    {
        var section = document.AddSection("Alerts");
        if (report.Alerts.Count == 0)
        {
            section.Callout("No alert: every check passed.", CalloutKind.Info);
            return;
        }
        section.Table(["severity", "check", "feature", "ask", "state", "message"], report.Alerts
            .OrderBy(a => a.Severity == "critical" ? 0 : 1).ThenBy(a => a.Check, StringComparer.Ordinal)
            .Select(a => (IReadOnlyList<TableCell>)[TableCell.Plain(a.Severity, a.Severity == "critical" ? CellTone.Bad : CellTone.Warning), a.Check, a.Feature ?? "—", a.Role, a.State, a.Message]));
        if (report.Violations.Count > 0)
            section.Subsection("Violations").Table(["check", "feature", "observed", "threshold", "description"],
                report.Violations.Select(v => (IReadOnlyList<TableCell>)[v.Check, v.Feature ?? "—", Maybe(v.Observed), Maybe(v.Threshold), v.Description]));
    }

    /// <summary>Drifted first, then by how far past its threshold: p-value tests by p-value, distances by statistic ÷ threshold.</summary>
    public static IReadOnlyList<FeatureDrift> BySeverity(IEnumerable<FeatureDrift> drift) =>
        drift.OrderByDescending(d => d.Drifted).ThenByDescending(Severity).ThenBy(d => d.Feature, StringComparer.Ordinal).ToList();

    private static double Severity(FeatureDrift d) => d.PValue is { } p ? 1 - p : d.Threshold > 0 ? d.Statistic / d.Threshold : d.Statistic;

    private static void Drift(ReportDocument document, MonitoringReport report)
    {
        var section = document.AddSection("Drift");
        if (report.Drift.Count == 0)
        {
            section.Paragraph("No column was compared (empty window or no baseline).");
            return;
        }
        section.Table(["feature", "kind", "method", "statistic", "p-value", "threshold", "PSI", "drifted", "reference rows", "current rows"],
            BySeverity(report.Drift).Select(d => (IReadOnlyList<TableCell>)[d.Feature, d.Kind, d.Method, TableCell.Number(d.Statistic), Maybe(d.PValue),
                TableCell.Number(d.Threshold), TableCell.Number(d.Psi), TableCell.Plain(d.Drifted ? "yes" : "no", d.Drifted ? CellTone.Bad : CellTone.Good),
                d.ReferenceRows, d.CurrentRows]),
            "sorted by severity: drifted first, then the smallest p-value or the distance furthest past its threshold");
    }

    private static void Distributions(ReportDocument document, MonitoringReport report)
    {
        if (report.Distributions.Count == 0) return;
        var section = document.AddSection("Distributions");
        var order = BySeverity(report.Drift).Select(d => d.Feature).ToList();
        foreach (var distribution in report.Distributions.OrderBy(d => order.IndexOf(d.Feature) is var i && i < 0 ? int.MaxValue : i))
            section.Chart(new OverlaidBarChart(distribution.Feature, distribution.Kind == "numeric" ? "bin" : "value", "share", distribution.Bins,
                [new BarSeries("reference", distribution.Reference), new BarSeries("current", distribution.Current)]), height: 260,
                caption: $"{distribution.Feature}: reference (training baseline) vs current window, on PSI's bins");
    }

    private static void Quality(ReportDocument document, MonitoringReport report)
    {
        var section = document.AddSection("Model quality");
        if (report.Quality is not { } quality)
        {
            section.Callout("No ground truth or human label has arrived for the rows of this window yet.", CalloutKind.Info);
            Feedback(section, report);
            return;
        }
        section.Table(["metric", "now", "± sd", "test split"], quality.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (IReadOnlyList<TableCell>)[m.Key,
            TableCell.Number(m.Value), Maybe(quality.StandardDeviations?.GetValueOrDefault(m.Key)), Maybe(quality.Expected.TryGetValue(m.Key, out var e) ? e : null)]),
            $"{Number(quality.Rows)} labelled rows; sampled every {quality.Interval}");
        Feedback(section, report);
        if (report.QualityOverTime.Count < 2) return;
        var start = report.QualityOverTime[0].From;
        var metrics = report.QualityOverTime.SelectMany(p => p.Metrics.Keys).Distinct().Where(quality.Expected.ContainsKey).Take(4).ToList();
        section.Chart(new LineChart("Quality over time", $"hours since {Time(start)}", "metric",
            metrics.Select(metric => new LineSeries(metric, report.QualityOverTime.Where(p => p.Metrics.ContainsKey(metric)).Select(p => (p.From - start).TotalHours).ToList(),
                report.QualityOverTime.Where(p => p.Metrics.ContainsKey(metric)).Select(p => p.Metrics[metric]).ToList())).ToList()));
    }

    private static void Feedback(ReportSection section, MonitoringReport report)
    {
        if (report.Feedback.Count == 0) return;
        section.Table(["model version", "feedback", "useful", "not useful", "useful share", "with a label"], report.Feedback.Select(f => (IReadOnlyList<TableCell>)[
            f.ModelVersion ?? "(not captured)", TableCell.Number(f.Total), TableCell.Number(f.Useful), TableCell.Number(f.NotUseful),
            f.UsefulShare is { } share ? TableCell.Percent(share) : "—", TableCell.Number(f.WithLabel)]),
            "what users said with the \"like\" button in this window");
    }

    private static void Value(ReportDocument document, MonitoringReport report)
    {
        var section = document.AddSection("Realized value");
        if (report.RealizedValue is not { } value)
        {
            section.Callout("No realized value yet: it needs ground truth and the package's prices.", CalloutKind.Info);
            return;
        }
        section.KeyFigures(
            new KeyFigure("Per item", NumberText.Money(value.PerItem, value.Currency), $"promised {NumberText.Money(value.PromisedPerItem, value.Currency)}"),
            new KeyFigure("Per day", NumberText.Money(value.PerDay, value.Currency), $"promised {NumberText.Money(value.PromisedPerDay, value.Currency)}"),
            new KeyFigure("Labelled items", Number(value.Items)));
        if (report.ValueOverTime.Count < 2) return;
        var first = report.ValueOverTime[0].Day;
        section.Chart(new LineChart("Realized value per day", $"days since {first:yyyy-MM-dd}", value.Currency,
            [new LineSeries("realized", report.ValueOverTime.Select(p => (double)(p.Day.DayNumber - first.DayNumber)).ToList(), report.ValueOverTime.Select(p => p.PerDay).ToList())])
        {
            ReferenceLines = [ReferenceLine.Horizontal(value.PromisedPerDay, "promised")],
        });
    }

    private static void Bias(ReportDocument document, MonitoringReport report)
    {
        if (report.Bias is not { Facets.Count: > 0 } bias) return;
        var section = document.AddSection("Bias");
        foreach (var facet in bias.Facets)
        {
            var names = (facet.PostTraining?.Keys ?? []).Concat(facet.PreTraining?.Keys ?? []).Distinct().ToList();
            section.Subsection($"{facet.Column} = {facet.Value}").Table(["metric", "now", "baseline", "drifted"], names.Select(name => (IReadOnlyList<TableCell>)[name,
                Maybe(facet.PostTraining?.GetValueOrDefault(name) ?? facet.PreTraining?.GetValueOrDefault(name)), Maybe(facet.Baseline?.GetValueOrDefault(name)),
                TableCell.Plain(facet.Drifted.Contains(name) ? "yes" : "no", facet.Drifted.Contains(name) ? CellTone.Bad : CellTone.None)]));
        }
    }

    private static void Attribution(ReportDocument document, MonitoringReport report)
    {
        if (report.Attribution is not { } attribution) return;
        document.AddSection("Feature attribution")
            .Paragraph($"NDCG of the window's importance ranking against the baseline's: {attribution.Ndcg.ToString("0.###", CultureInfo.InvariantCulture)} (alert below {attribution.Threshold.ToString("0.##", CultureInfo.InvariantCulture)}).")
            .Table(["feature", "baseline", "current"], attribution.Baseline.Keys.Union(attribution.Current.Keys).OrderByDescending(f => attribution.Baseline.GetValueOrDefault(f))
                .Select(f => (IReadOnlyList<TableCell>)[f, Maybe(attribution.Baseline.TryGetValue(f, out var b) ? b : null), Maybe(attribution.Current.TryGetValue(f, out var c) ? c : null)]));
    }

    internal static TableCell Maybe(double? value) => value is { } v ? TableCell.Number(v) : TableCell.Plain("—");

    private static string Number(long value) => NumberText.WithUnit(value, null);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

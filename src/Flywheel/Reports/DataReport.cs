using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;
using Flywheel.Reports.Charts;

namespace Flywheel.Reports;

/// <summary>
/// The data page: key figures and readiness, the findings table, missing values per column, the target's
/// distribution, the correlation heatmap, and a histogram or top values for every column.
/// </summary>
public static class DataReport
{
    // Beyond this many numeric columns the heatmap's cells become unreadable; keep the ones most involved in strong pairs.
    private const int MaxHeatmapColumns = 30;
    private const int MaxFeaturesByClass = 12;
    private const int MaxLevelsByClass = 8;

    public static ReportDocument Build(DataProfile profile, DiagnosisReport diagnosis)
    {
        var report = new ReportDocument($"Data — {Path.GetFileName(profile.File)}", profile.Target is null ? "no target named" : $"target: {profile.Target.Name}");
        AddSummary(report, profile, diagnosis);
        AddFindings(report, diagnosis);
        AddMissing(report, profile);
        if (profile.Target is { } target) AddTarget(report, profile, target);
        AddCorrelations(report, profile);
        AddColumns(report, profile);
        return report;
    }

    private static void AddSummary(ReportDocument report, DataProfile profile, DiagnosisReport diagnosis)
    {
        var readiness = diagnosis.Readiness;
        var section = report.AddSection("Summary").KeyFigures(
            new KeyFigure("Rows", profile.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            new KeyFigure("Columns", profile.Columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new KeyFigure("Findings", diagnosis.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{diagnosis.Findings.Count(finding => finding.Severity == Severity.Critical)} critical"),
            new KeyFigure("Readiness", $"{readiness.Number}/3", readiness.Description));
        foreach (var step in readiness.NextSteps) section.Callout(step, readiness.Level == Data.Readiness.ReadinessLevel.Ready ? CalloutKind.Info : CalloutKind.Warning);
        section.Table(["fact", "value", "source"], readiness.Facts.Select(fact => (IReadOnlyList<TableCell>)[fact.Fact, fact.Value, fact.Source]), "What the level rests on");
        if (readiness.Undeclared.Count > 0) section.Paragraph("Not declared in flywheel.yaml: " + string.Join("; ", readiness.Undeclared));
    }

    private static void AddFindings(ReportDocument report, DiagnosisReport diagnosis)
    {
        var section = report.AddSection("Findings");
        if (diagnosis.Findings.Count == 0)
        {
            section.Paragraph("Nothing found that needs attention.");
            return;
        }
        section.Table(["severity", "kind", "columns", "finding", "action", "ask"],
            diagnosis.Findings.Select(finding => (IReadOnlyList<TableCell>)
                [finding.Severity.ToString().ToLowerInvariant(), finding.Kind, string.Join(", ", finding.Columns), finding.Message, finding.Action, finding.AskRole]));
    }

    private static void AddMissing(ReportDocument report, DataProfile profile)
    {
        var section = report.AddSection("Missing values");
        var gaps = profile.Columns.Where(column => column.Missing > 0).OrderByDescending(column => column.MissingFraction).ToList();
        if (gaps.Count == 0)
        {
            section.Paragraph("No column has empty cells.");
            return;
        }
        section.Chart(new BarChart("Share of empty cells", "column", "% empty", gaps.Select(column => new BarItem(column.Name, column.MissingFraction * 100)).ToList()) { ValueFormat = "0.##" },
            height: Math.Max(300, 40 + 24 * gaps.Count));
    }

    private static void AddTarget(ReportDocument report, DataProfile profile, TargetProfile target)
    {
        var section = report.AddSection($"Target: {target.Name}").Paragraph(DataReportText.Target(target));
        if (target is { IsClassification: true, Classes: { } classes })
            section.Chart(new BarChart($"{target.Name} by class", "class", "rows", classes.Select(value => new BarItem(value.Value, value.Count)).ToList()) { ValueFormat = "#,0" });
        else if (target.Distribution is { } histogram)
            section.Chart(Histogram(target.Name, histogram));

        // The features most associated with the target first: those are the ones a domain expert should look at.
        var strength = profile.Associations.WithTarget.Where(association => association.Right == target.Name)
            .ToDictionary(association => association.Left, association => association.Strength);
        foreach (var feature in target.ByClass.OrderByDescending(feature => strength.GetValueOrDefault(feature.Feature)).Take(MaxFeaturesByClass))
        {
            var caption = strength.TryGetValue(feature.Feature, out var s) ? $"association with {target.Name}: {s:0.###}" : null;
            if (feature.Kind == ColumnKind.Numeric && ByClassChart(profile, target, feature) is { } chart)
                section.Chart(chart, height: 280, caption: caption);
            if (feature.Kind == ColumnKind.Numeric)
                section.Table(["class", "rows", "mean", "std"],
                    feature.Classes.Select(slice => (IReadOnlyList<TableCell>)[slice.Class, slice.Count, slice.Mean is { } mean ? DataReportText.Number(mean) : "", slice.Std is { } std ? DataReportText.Number(std) : ""]),
                    $"{feature.Feature} per class of {target.Name}");
            else
                AddLevelsByClass(section, target, feature, caption);
        }
    }

    /// <summary>For a categorical feature: the share of each class's rows that has each of the most frequent values.</summary>
    private static void AddLevelsByClass(ReportSection section, TargetProfile target, FeatureByClass feature, string? caption)
    {
        var levels = feature.Classes.SelectMany(slice => slice.TopValues ?? []).GroupBy(value => value.Value)
            .OrderByDescending(group => group.Sum(value => value.Count)).Select(group => group.Key).Take(MaxLevelsByClass).ToList();
        section.Table(["class", "rows", .. levels],
            feature.Classes.Select(slice => (IReadOnlyList<TableCell>)[slice.Class, slice.Count,
                .. levels.Select(level => (TableCell)Share(slice.TopValues?.FirstOrDefault(value => value.Value == level)?.Count ?? 0, slice.Count))]),
            $"share of each {feature.Feature} value per class of {target.Name}{(caption is null ? "" : $" ({caption})")}");
    }

    /// <summary>Each class's distribution over the feature's histogram bins, as shares of the class's rows, so classes of different sizes compare.</summary>
    private static LineChart? ByClassChart(DataProfile profile, TargetProfile target, FeatureByClass feature)
    {
        var bins = profile.Columns.FirstOrDefault(column => column.Name == feature.Feature)?.Histogram?.Bins;
        if (bins is not { Count: > 1 }) return null;
        var middles = bins.Select(bin => (bin.Lower + bin.Upper) / 2).ToList();
        var series = feature.Classes
            .Where(slice => slice.BinCounts is { } counts && counts.Count == bins.Count && counts.Sum() > 0)
            .Select(slice => new LineSeries($"{target.Name} = {slice.Class}", middles, slice.BinCounts!.Select(count => 100.0 * count / slice.BinCounts!.Sum()).ToList()))
            .ToList();
        return series.Count == 0 ? null : new LineChart($"{feature.Feature} by {target.Name}", feature.Feature, "% of the class's rows", series);
    }

    private static string Share(long count, long total) =>
        total == 0 ? "" : (100.0 * count / total).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %";

    private static void AddCorrelations(ReportDocument report, DataProfile profile)
    {
        var associations = profile.Associations;
        if (associations.NumericColumns.Count < 2 && associations.CategoricalPairs.Count == 0) return;
        var section = report.AddSection("Correlations");
        AddPearson(section, associations);
        AddCramersV(section, associations);
    }

    private static void AddCramersV(ReportSection section, Associations associations)
    {
        if (associations.CategoricalPairs.Count == 0) return;
        var names = associations.CategoricalPairs.SelectMany(pair => new[] { pair.Left, pair.Right }).Distinct().Take(MaxHeatmapColumns).ToList();
        var values = new double[names.Count, names.Count];
        for (var a = 0; a < names.Count; a++)
            for (var b = 0; b < names.Count; b++)
                values[a, b] = a == b ? 1 : double.NaN;
        foreach (var pair in associations.CategoricalPairs)
        {
            var (a, b) = (names.IndexOf(pair.Left), names.IndexOf(pair.Right));
            if (a < 0 || b < 0) continue;
            values[a, b] = values[b, a] = pair.Value;
        }
        var size = Math.Max(450, 28 * names.Count + 200);
        section.Chart(new HeatmapChart("Cramér's V (bias-corrected) between categorical columns", names, names, values) { Min = 0, Max = 1, ColorBarLabel = "V", ValueFormat = names.Count <= 15 ? "0.##" : null },
            width: size, height: size);
    }

    private static void AddPearson(ReportSection section, Associations associations)
    {
        var names = associations.NumericColumns;
        if (names.Count < 2) return;
        var keep = Enumerable.Range(0, names.Count)
            .OrderByDescending(i => Enumerable.Range(0, names.Count).Where(j => j != i).Select(j => Math.Abs(associations.Pearson[i][j] ?? 0)).DefaultIfEmpty(0).Max())
            .Take(MaxHeatmapColumns).Order().ToList();
        var values = new double[keep.Count, keep.Count];
        for (var a = 0; a < keep.Count; a++)
            for (var b = 0; b < keep.Count; b++)
                values[a, b] = associations.Pearson[keep[a]][keep[b]] ?? double.NaN;
        var labels = keep.Select(i => names[i]).ToList();
        var size = Math.Max(500, 28 * keep.Count + 200);
        section
            .Chart(new HeatmapChart("Pearson r between numeric columns", labels, labels, values) { Min = -1, Max = 1, ColorBarLabel = "r", ValueFormat = keep.Count <= 15 ? "0.##" : null },
                width: size, height: size,
                caption: names.Count > keep.Count ? $"the {keep.Count} of {names.Count} numeric columns with the strongest pairs" : null);
    }

    private static void AddColumns(ReportDocument report, DataProfile profile)
    {
        var section = report.AddSection("Columns");
        section.Table(["column", "kind", "missing", "distinct", "summary"],
            profile.Columns.Select(column => (IReadOnlyList<TableCell>)
                [column.Name, column.Kind.Name(), column.Missing, column.Distinct, DataReportText.Summary(column)]));
        foreach (var column in profile.Columns)
        {
            if (column.Histogram is { } histogram && column.Kind != ColumnKind.Date)
                section.Chart(Histogram(column.Kind == ColumnKind.Text ? $"{column.Name} (length)" : column.Name, histogram), height: 260);
            else if (column.TopValues is { Count: > 0 } top && column.Kind != ColumnKind.Numeric)
                section.Chart(new BarChart($"{column.Name}: most frequent values", "value", "rows", top.Select(value => new BarItem(value.Value, value.Count)).ToList()) { ValueFormat = "#,0" }, height: 260);
        }
    }

    private static HistogramChart Histogram(string name, Histogram histogram) =>
        new(name, name, "rows", histogram.Bins.Select(bin => bin.Lower).Append(histogram.Bins[^1].Upper).ToList(), histogram.Bins.Select(bin => (double)bin.Count).ToList());
}

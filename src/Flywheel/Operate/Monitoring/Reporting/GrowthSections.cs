using Flywheel.Operate.Monitoring.Growth;
using Flywheel.Reports;
using Flywheel.Reports.Charts;

namespace Flywheel.Operate.Monitoring.Reporting;

/// <summary>The growth cycle drawn: the three conditions with their verdicts, usage per version, labelled data, accuracy per version and KPI over days.</summary>
public static class GrowthSections
{
    public static ReportDocument Document(GrowthReport growth)
    {
        var document = new ReportDocument($"Growth cycle: {growth.UseCase}", string.Join(", ", growth.Endpoints));
        Add(document, growth);
        return document;
    }

    public static void Add(ReportDocument document, GrowthReport growth)
    {
        var section = document.AddSection("Growth cycle");
        section.Table(["condition", "verdict", "why", "rule"], growth.Conditions.Select(c => (IReadOnlyList<TableCell>)[c.Name,
            TableCell.Plain(c.Verdict, c.Verdict == GrowthVerdicts.Met ? CellTone.Good : c.Verdict == GrowthVerdicts.NotMet ? CellTone.Bad : CellTone.Warning), c.Explanation, c.Rule]));
        var days = growth.Usage.Select(u => u.Day).Concat(growth.Data.Select(d => d.Day)).Concat(growth.Accuracy.Select(a => a.Day)).Concat(growth.Kpi.Select(k => k.Day)).ToList();
        if (days.Count == 0)
        {
            section.Paragraph("No capture and no monitoring run yet.");
            return;
        }
        var first = days.Min();
        double X(DateOnly day) => day.DayNumber - first.DayNumber;
        var axis = $"days since {first:yyyy-MM-dd}";
        if (growth.Usage.Count > 0)
            section.Chart(new LineChart("Usage: inferences per day", axis, "inferences", growth.Usage.GroupBy(u => u.ModelVersion)
                .Select(g => new LineSeries(g.Key, g.Select(u => X(u.Day)).ToList(), g.Select(u => (double)u.Inferences).ToList())).ToList()));
        if (growth.Data.Count > 0)
            section.Chart(new LineChart("Data: captured and labelled rows per day", axis, "rows",
                [new LineSeries("captured", growth.Data.Select(d => X(d.Day)).ToList(), growth.Data.Select(d => (double)d.Captured).ToList()),
                 new LineSeries("labelled", growth.Data.Select(d => X(d.Day)).ToList(), growth.Data.Select(d => (double)d.Labelled).ToList())]));
        var metric = growth.Metric ?? growth.Accuracy.Select(a => a.Metric).FirstOrDefault();
        var accuracy = growth.Accuracy.Where(a => a.Metric == metric).ToList();
        if (accuracy.Count > 0)
            section.Chart(new LineChart($"Accuracy: {metric} per version", axis, metric!, accuracy.GroupBy(a => a.ModelVersion)
                .Select(g => new LineSeries(g.Key, g.Select(a => X(a.Day)).ToList(), g.Select(a => a.Value).ToList())).ToList()));
        if (growth.Kpi.Count > 0)
        {
            var promised = growth.Kpi.LastOrDefault(k => k.PromisedPerDay is not null)?.PromisedPerDay;
            section.Chart(new LineChart("KPI: realized value per day", axis, growth.Kpi[0].Currency,
                [new LineSeries("realized", growth.Kpi.Select(k => X(k.Day)).ToList(), growth.Kpi.Select(k => k.RealizedPerDay).ToList())])
            {
                ReferenceLines = promised is { } p ? [ReferenceLine.Horizontal(p, "promised")] : [],
            });
        }
    }
}

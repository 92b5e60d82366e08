using Flywheel.Reports.Charts;
using Flywheel.Value;
using Flywheel.Value.Plans;

namespace Flywheel.Reports;

/// <summary>
/// The staged plan on the value page: the steps as a row of cards with their verdicts, a table of each step's metric,
/// value, costs and payback side by side, and one payback chart with every step.
/// </summary>
public static class PlanReport
{
    public static void AddTo(ReportDocument report, PlanResult plan)
    {
        var cards = plan.Steps.Select((step, index) => new KeyFigure(
            $"{index + 1}. {step.Step.Name} ({PlanDocument.Kind(step.Step.Kind)})",
            step.Verdict,
            Note(step, plan)));
        var section = report.AddSection("Staged plan")
            .Paragraph($"Manual work, then a rule, then the model: every step judged on the same metric, {plan.Metric.Name} ({plan.Metric.Figure}), "
                + "and priced with the same value model. Rule and ML steps are measured on the same test split with the same decision prices; "
                + "a manual step's figures are declared by the team.")
            .KeyFigures(cards)
            .Table(Table(plan));
        if (Chart(plan) is { } chart)
            section.Chart(chart, caption: "Cumulative value of every step with its own costs; each curve crosses zero at its break-even.");
    }

    private static string Note(PlanStepResult step, PlanResult plan)
    {
        var metric = step.Metric is { } m ? $"{plan.Metric.Figure} {NumberText.Number(m)}" : "not measured";
        var value = step.ValuePerDay?.ToString() ?? "no value yet";
        var criterion = step.Criterion is { } c ? $" · go if {c}" : "";
        return $"{metric} · {value}{criterion} · {step.Source}";
    }

    /// <summary>
    /// The steps side by side in plan order: metric, value, costs, payback, criterion and verdict. The value page, the
    /// report JSON and <c>flywheel plan</c>'s CLI table all render this one table.
    /// </summary>
    public static ReportTable Table(PlanResult plan)
    {
        var rows = new List<IReadOnlyList<TableCell>>();
        void Row(string label, Func<PlanStepResult, string> cell) =>
            rows.Add(plan.Steps.Select(step => TableCell.Number(cell(step))).Prepend(TableCell.Plain(label)).ToList());

        Row("kind", step => PlanDocument.Kind(step.Step.Kind));
        Row("owner", step => step.Step.Owner ?? "");
        Row("figures", step => step.Model is { } model ? $"{step.Source}; model {model}" : step.Source);
        Row(plan.Metric.Name, step => step.Metric is { } metric ? NumberText.Number(metric) : "—");
        Row("value / day", step => step.ValuePerDay?.ToString() ?? "—");
        Row("development", step => step.Development.ToString());
        Row("operation / day", step => step.Operation.ToString());
        Row("duration", step => step.Duration is { } duration ? ValueText.Days(duration.Value) : "—");
        Row("break-even", step => step.Payback is { } payback ? ValueText.Days(payback.BreakEvenDays) : "—");
        rows.Add(plan.Steps.Select(step => TableCell.Percent(step.Payback?.Roi)).Prepend(TableCell.Plain("ROI at horizon")).ToList());
        Row("go/no-go criterion", step => step.Criterion ?? "—");
        rows.Add(plan.Steps.Select(Verdict).Prepend(TableCell.Plain("verdict")).ToList());
        return new ReportTable(plan.Steps.Select(step => step.Step.Name).Prepend("").ToList(), rows,
            $"Plan — payback over {ValueText.Horizon(plan.HorizonDays)}");
    }

    private static TableCell Verdict(PlanStepResult step) =>
        TableCell.Plain(step.Verdict, step.Go switch { true => CellTone.Good, false => CellTone.Bad, null => CellTone.Warning });

    private static LineChart? Chart(PlanResult plan)
    {
        var priced = plan.Steps.Where(step => step.Payback is not null).ToList();
        if (priced.Count == 0) return null;
        var series = priced.Select(step =>
        {
            var payback = step.Payback!;
            var curve = payback.Curve();
            var name = payback.BreakEvenDays is null
                ? $"{step.Step.Name} (never breaks even)"
                : $"{step.Step.Name} (break-even {ValueText.WholeDays(payback.BreakEvenDays)} days)";
            return new LineSeries(name, curve.Select(point => point.Day).ToList(), curve.Select(point => point.Cumulative).ToList());
        }).ToList();
        var markers = priced.Where(step => step.Payback!.BreaksEvenWithinHorizon)
            .Select(step => new ChartMarker(step.Payback!.BreakEvenDays!.Value, 0, ""))
            .ToList();
        return new LineChart($"Payback of each plan step — {plan.UseCase.Name}", "days from the start", $"cumulative value ({priced[0].Payback!.Currency})", series)
        {
            Markers = markers,
            ReferenceLines = [ReferenceLine.Horizontal(0, "break-even")],
        };
    }
}

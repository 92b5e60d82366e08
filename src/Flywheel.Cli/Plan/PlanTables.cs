using Flywheel.Value;
using Flywheel.Value.Plans;
using Spectre.Console;

namespace Flywheel.Cli.Plan;

/// <summary>The plan as one Spectre.Console table, steps side by side in plan order.</summary>
internal static class PlanTables
{
    public static void Write(IAnsiConsole console, PlanResult plan)
    {
        console.MarkupLine($"[bold]{Markup.Escape(plan.UseCase.Name)}[/]: every step judged on [bold]{Markup.Escape(plan.Metric.Name)}[/] ({Markup.Escape(plan.Metric.Figure)})");
        var table = new Table().Title($"Plan — payback over {ValueText.Horizon(plan.HorizonDays)}").AddColumn("");
        foreach (var step in plan.Steps)
            table.AddColumn(new TableColumn($"{Markup.Escape(step.Step.Name)}\n[dim]{PlanDocument.Kind(step.Step.Kind)}[/]").RightAligned());

        void Row(string label, Func<PlanStepResult, string> cell) =>
            table.AddRow(plan.Steps.Select(cell).Select(Markup.Escape).Prepend(Markup.Escape(label)).ToArray());

        Row("owner", step => step.Step.Owner ?? "");
        Row("figures", step => step.Source);
        Row(plan.Metric.Name, step => step.Metric is { } metric ? Quantity.Format(metric) : "—");
        Row("value / day", step => step.ValuePerDay?.ToString() ?? "—");
        Row("development", step => step.Development.ToString());
        Row("operation / day", step => step.Operation.ToString());
        Row("duration", step => step.Duration is { } duration ? ValueText.Days(duration.Value) : "—");
        Row("break-even", step => step.Payback is { } payback ? ValueText.Days(payback.BreakEvenDays) : "—");
        Row("ROI at horizon", step => ValueText.Percent(step.Payback?.Roi));
        Row("go/no-go", step => step.Criterion ?? "—");
        table.AddRow(plan.Steps.Select(Verdict).Prepend("verdict").ToArray());
        console.Write(table);
        foreach (var step in plan.Steps.Where(step => step.Model is not null && step.Step.Kind == UseCases.PlanStepKind.Rule))
            console.MarkupLine(Markup.Escape($"rule step '{step.Step.Name}' is registered as {step.Model} (@candidate): flywheel predict {step.Model} INPUT.csv -o OUTPUT.csv"));
    }

    private static string Verdict(PlanStepResult step) => step.Go switch
    {
        true => "[green]go[/]",
        false => "[red]no-go[/]",
        null => $"[yellow]{Markup.Escape(step.Verdict)}[/]",
    };
}

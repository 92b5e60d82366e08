using Flywheel.Cli.Report;
using Flywheel.Reports;
using Flywheel.Value.Plans;
using Spectre.Console;

namespace Flywheel.Cli.Plan;

/// <summary>The plan in the terminal: the value page's plan table (<see cref="PlanReport.Table"/>), steps side by side in plan order.</summary>
internal static class PlanTables
{
    public static void Write(IAnsiConsole console, PlanResult plan)
    {
        console.MarkupLine($"[bold]{Markup.Escape(plan.UseCase.Name)}[/]: every step judged on [bold]{Markup.Escape(plan.Metric.Name)}[/] ({Markup.Escape(plan.Metric.Figure)})");
        console.Write(SpectreTables.From(PlanReport.Table(plan)));
        foreach (var step in plan.Steps.Where(step => step.Model is not null && step.Step.Kind == UseCases.PlanStepKind.Rule))
            console.MarkupLine(Markup.Escape($"rule step '{step.Step.Name}' is registered as {step.Model} (@candidate): flywheel predict {step.Model} INPUT.csv -o OUTPUT.csv"));
    }
}

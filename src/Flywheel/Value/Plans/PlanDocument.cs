namespace Flywheel.Value.Plans;

/// <summary>The metric a step is judged on: its name and the step's value (null when not measured yet).</summary>
public sealed record PlanMetricDocument(string Name, string Figure, double? Value);

/// <summary>One step as <c>flywheel plan --json</c> prints it.</summary>
public sealed record PlanStepDocument(
    string Name,
    string Kind,
    string? Owner,
    string Source,
    string? Model,
    PlanMetricDocument Metric,
    AmountDocument? ValuePerDay,
    AmountDocument Development,
    AmountDocument OperationPerDay,
    double? DurationDays,
    double? BreakEvenDays,
    double? Roi,
    string? Criterion,
    bool? Go,
    string Verdict,
    IReadOnlyDictionary<string, AmountDocument> Figures);

/// <summary>The plan as one serializable object: <c>{"metric": …, "steps": [{"name", "kind", "metric", "valuePerDay", "go", …}]}</c>.</summary>
public sealed record PlanDocument(string Name, PlanMetricDocument Metric, double HorizonDays, IReadOnlyList<PlanStepDocument> Steps)
{
    public static PlanDocument From(PlanResult plan) => new(
        plan.UseCase.Name,
        new PlanMetricDocument(plan.Metric.Name, plan.Metric.Figure, null),
        plan.HorizonDays,
        plan.Steps.Select(step => Step(step, plan)).ToList());

    private static PlanStepDocument Step(PlanStepResult step, PlanResult plan) => new(
        step.Step.Name,
        Kind(step.Step.Kind),
        step.Step.Owner,
        step.Source,
        step.Model,
        new PlanMetricDocument(plan.Metric.Name, plan.Metric.Figure, step.Metric is { } m ? AmountDocument.Tidy(m) : null),
        step.ValuePerDay is { } value ? AmountDocument.Of(value) : null,
        AmountDocument.Of(step.Development),
        AmountDocument.Of(step.Operation),
        step.Duration?.Value,
        step.Payback?.BreakEvenDays is { } days ? AmountDocument.Tidy(days) : null,
        step.Payback?.Roi is { } roi ? AmountDocument.Tidy(roi) : null,
        step.Criterion,
        step.Go,
        step.Verdict,
        step.Figures.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => AmountDocument.Of(f.Value), StringComparer.Ordinal));

    public static string Kind(UseCases.PlanStepKind kind) => kind.ToString().ToLowerInvariant();
}

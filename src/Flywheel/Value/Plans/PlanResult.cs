using Flywheel.UseCases;

namespace Flywheel.Value.Plans;

/// <summary>
/// One step of the plan, priced: where its figures come from, the metric every step is judged on, the value per day
/// (the value model's value with the step's figures), the step's costs and payback, and the go/no-go verdict
/// (null when it cannot be judged yet: no figures, no model).
/// </summary>
public sealed record PlanStepResult(
    PlanStepSpec Step,
    string Source,
    string? Model,
    IReadOnlyDictionary<string, Quantity> Figures,
    double? Metric,
    Quantity? ValuePerDay,
    Quantity Development,
    Quantity Operation,
    Quantity Delay,
    Quantity? Duration,
    Payback? Payback,
    string? Criterion,
    bool? Go)
{
    /// <summary>"go", "no-go", or why it cannot be judged.</summary>
    public string Verdict => Go switch
    {
        true => "go",
        false => "no-go",
        null when Criterion is null => "no criterion",
        null => "not judged yet",
    };
}

/// <summary>The plan of a use case, every step priced on the same metric and in the same currency over the same horizon.</summary>
public sealed record PlanResult(UseCase UseCase, PlanMetricSpec Metric, IReadOnlyList<PlanStepResult> Steps, double HorizonDays)
{
    /// <summary>The first step whose criterion says no-go, or that cannot be judged yet: where the plan stands.</summary>
    public PlanStepResult? Current => Steps.FirstOrDefault(step => step.Go is not true) ?? Steps.LastOrDefault();
}

/// <summary>A step's figures as a formula's names; a name that is not there is refused, listing the ones that are.</summary>
internal sealed class FigureScope(IReadOnlyDictionary<string, Quantity> figures, string step) : INameScope
{
    public Quantity Resolve(NameReference name, FormulaSource source) =>
        figures.TryGetValue(name.Name, out var value)
            ? value
            : throw source.Error(name.At, $"plan step '{step}' has no figure '{name.Name}'; its figures are: {string.Join(", ", figures.Keys.Order(StringComparer.Ordinal))}");

    public string Describe(string name) => $"figure '{name}'";
}

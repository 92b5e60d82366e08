using YamlDotNet.RepresentationModel;

namespace Flywheel.UseCases;

/// <summary>How a plan step decides: people by hand, a rule over the data's columns, or a trained model.</summary>
public enum PlanStepKind { Manual, Rule, Ml }

/// <summary>
/// The <c>plan</c> section: the staged way to the model (manual → rule → ML), every step judged on the same
/// customer-experience <see cref="Metric"/>. Expressions stay text with their positions; the Value stage parses them.
/// </summary>
public sealed record PlanSection(PlanMetricSpec Metric, IReadOnlyList<PlanStepSpec> Steps, SourcePosition Position);

/// <summary>
/// The metric every step is judged on: how people call it (<c>leavers who got an offer / all leavers</c>) and the
/// figure that measures it on the data (<c>model.recall</c>, <c>decision.value_per_item</c>, …).
/// </summary>
public sealed record PlanMetricSpec(string Name, string Figure, SourcePosition Position);

/// <summary>
/// One step of the plan. A manual step declares its figures (<see cref="Measured"/>); a rule step holds its
/// <see cref="Rule"/>; an ML step names its <see cref="Model"/> (null: the use case's <c>@candidate</c>).
/// <see cref="Go"/> is the go/no-go criterion for moving on, a comparison over the step's figures.
/// </summary>
public sealed record PlanStepSpec(
    string Name,
    PlanStepKind Kind,
    string? Owner,
    string? Description,
    CostsSpec Costs,
    Positioned<string>? Duration,
    Positioned<string>? Go,
    IReadOnlyList<FormulaSpec> Measured,
    Positioned<string>? Rule,
    Positioned<string>? Model,
    SourcePosition Position)
{
    /// <summary>The step's <c>done</c> entry: who marked it done and when, and whether over an unmet criterion (null: not done).</summary>
    public PlanStepDone? Done { get; init; }
}

/// <summary>
/// A plan step marked done: when, by whom (<c>user:hana</c>, <c>key:ci</c>), and — when its go/no-go criterion was not
/// met — the approver's <see cref="Override"/> with its <see cref="Reason"/>.
/// </summary>
public sealed record PlanStepDone(DateTimeOffset At, string By, bool Override, string? Reason, SourcePosition Position)
{
    public const int MaxReasonLength = 2000;
}

internal static class PlanSectionReader
{
    public static PlanSection Read(MappingReader section)
    {
        var metric = ReadMetric(section);
        var stepsNode = section.Required("steps");
        if (stepsNode is not YamlSequenceNode list || list.Children.Count == 0)
            throw section.At(stepsNode, "'plan.steps' must be a list of steps, each with 'name' and 'kind' (manual, rule or ml)");
        var steps = new List<PlanStepSpec>();
        foreach (var node in list.Children)
        {
            var step = ReadStep(new MappingReader(node, section.File, $"plan.steps[{steps.Count + 1}]", UseCaseKeys.PlanStep));
            if (steps.Any(other => other.Name == step.Name))
                throw step.Position.Error($"the plan has two steps named '{step.Name}'; step names must differ");
            steps.Add(step);
        }
        section.RejectUnknownKeys();
        return new PlanSection(metric, steps, section.Position);
    }

    private static PlanMetricSpec ReadMetric(MappingReader section)
    {
        var node = section.Required("metric");
        if (node is YamlScalarNode)
        {
            var figure = section.ScalarOf(node, "metric");
            return new PlanMetricSpec(figure.Value, figure.Value, figure.Position);
        }
        var metric = new MappingReader(node, section.File, "plan.metric", UseCaseKeys.PlanMetric);
        var measuredBy = metric.RequiredString("figure");
        var name = metric.String("name")?.Value ?? measuredBy.Value;
        metric.RejectUnknownKeys();
        return new PlanMetricSpec(name, measuredBy.Value, measuredBy.Position);
    }

    private static PlanStepSpec ReadStep(MappingReader step)
    {
        var name = step.RequiredString("name");
        RegistryLikeName(name);
        var kindText = step.RequiredString("kind");
        var kind = kindText.Value switch
        {
            "manual" => PlanStepKind.Manual,
            "rule" => PlanStepKind.Rule,
            "ml" => PlanStepKind.Ml,
            _ => throw kindText.Position.Error($"'kind' of plan step '{name.Value}' must be manual, rule or ml, not '{kindText.Value}'"),
        };
        var owner = step.String("owner")?.Value;
        var description = step.String("description")?.Value;
        var costs = new CostsSpec(null, null, null);
        if (step.Mapping("costs", UseCaseKeys.Costs) is { } costMap)
        {
            costs = new CostsSpec(costMap.Expression("development"), costMap.Expression("operation"), costMap.Expression("delay"));
            costMap.RejectUnknownKeys();
        }
        var duration = step.Expression("duration");
        var go = step.Expression("go");

        var measured = new List<FormulaSpec>();
        if (step.Node("measured") is { } measuredNode)
        {
            if (kind != PlanStepKind.Manual)
                throw step.At(measuredNode, $"only a manual step declares 'measured' figures; a {kindText.Value} step is measured on the data");
            var figures = new MappingReader(measuredNode, step.File, $"plan step '{name.Value}'.measured");
            measured.AddRange(figures.Entries().Select(entry => new FormulaSpec(entry.Key.Value, figures.ExpressionOf(entry.Value, entry.Key.Value))));
        }

        var rule = step.Expression("rule");
        if (kind == PlanStepKind.Rule && rule is null)
            throw step.Position.Error($"plan step '{name.Value}' is a rule step and needs 'rule', e.g. 'rule: number_customer_service_calls >= 4'");
        if (kind != PlanStepKind.Rule && rule is not null)
            throw rule.Position.Error($"only a rule step holds a 'rule'; '{name.Value}' is a {kindText.Value} step");
        var model = step.String("model");
        if (kind != PlanStepKind.Ml && model is not null)
            throw model.Position.Error($"only an ml step names a 'model'; '{name.Value}' is a {kindText.Value} step");

        var done = step.Mapping("done", UseCaseKeys.PlanStepDone) is { } doneMap ? ReadDone(doneMap, name.Value) : null;

        step.RejectUnknownKeys();
        return new PlanStepSpec(name.Value, kind, owner, description, costs, duration, go, measured, rule, model, name.Position) { Done = done };
    }

    private static PlanStepDone ReadDone(MappingReader done, string step)
    {
        var at = done.RequiredString("at");
        if (!DateTimeOffset.TryParse(at.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when))
            throw at.Position.Error($"'done.at' of plan step '{step}' must be a date and time such as 2026-12-03T08:00:00Z, not '{at.Value}'");
        var by = done.RequiredString("by");
        if (string.IsNullOrWhiteSpace(by.Value)) throw by.Position.Error($"'done.by' of plan step '{step}' names who marked it done");
        var overridden = done.Boolean("override") ?? false;
        var reason = done.String("reason");
        if (reason is { } r && r.Value.Length > PlanStepDone.MaxReasonLength)
            throw r.Position.Error($"'done.reason' of plan step '{step}' is {r.Value.Length} characters long; at most {PlanStepDone.MaxReasonLength}");
        if (overridden && string.IsNullOrWhiteSpace(reason?.Value))
            throw done.Position.Error($"plan step '{step}' was marked done over its criterion ('override: true'), which needs the approver's 'reason'");
        done.RejectUnknownKeys();
        return new PlanStepDone(when.ToUniversalTime(), by.Value, overridden, string.IsNullOrWhiteSpace(reason?.Value) ? null : reason.Value, done.Position);
    }

    // A rule step is registered as the model '<use case>-<step>', so its name must be usable in a model name.
    private static void RegistryLikeName(Positioned<string> name)
    {
        if (name.Value.Length == 0 || !name.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw name.Position.Error($"plan step name '{name.Value}' may hold only letters, digits, '-', '_' and '.' (it becomes part of a model name)");
    }
}

using Flywheel.Data.Preprocessing;
using Flywheel.Data.Rules;
using Flywheel.Data.Sources;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Workflows;

/// <summary>
/// The rule steps of a use case's plan, compiled against a table's columns and scored on its rows: 1 where the rule
/// holds (act), 0 where it does not. Priced at the fixed threshold 0.5, those scores decide exactly as the rule does,
/// so the Evaluation stage prices a rule step like any model — as a plan step, or as an alternative beside the model
/// in training's decision analysis (<see cref="Decisions"/>).
/// </summary>
public static class PlanRules
{
    /// <summary>
    /// One entry per rule step of the plan, in plan order: the step's name and its score (1 or 0) on each of
    /// <paramref name="rows"/> (row indices into <paramref name="table"/>). Empty when the use case has no plan.
    /// A rule naming an unknown column is an <see cref="InputException"/> at its place in the use-case file.
    /// </summary>
    public static IReadOnlyList<(string Step, double[] Scores)> Decisions(UseCase useCase, ColumnTable table, IReadOnlyList<int> rows) =>
        Compile(useCase, table).Select(compiled => (compiled.Step.Name, Scores(compiled.Rule, table, rows))).ToList();

    /// <summary>Every rule step of the plan with its rule checked against the table (the target may not be read).</summary>
    public static IReadOnlyList<(PlanStepSpec Step, Rule Rule)> Compile(UseCase useCase, ColumnTable table) =>
        useCase.Plan is not { } plan ? []
            : plan.Steps.Where(step => step.Kind == PlanStepKind.Rule).Select(step => (step, Compile(useCase, step, table))).ToList();

    public static Rule Compile(UseCase useCase, PlanStepSpec step, ColumnTable table)
    {
        var text = step.Rule ?? throw step.Position.Error($"plan step '{step.Name}' has no rule");
        var target = useCase.Data?.Target;
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        if (target is not null) refused[target] = "it is the target, which is not known when the decision is made";
        var rule = Rule.Parse(FormulaSource.From(text, $"rule of plan step '{step.Name}'"), Columns(table, target), refused);
        return rule.IsDecision ? rule
            : throw text.Position.Error($"rule of plan step '{step.Name}': the rule gives a number; a rule step decides whether to act, so write a condition such as 'calls >= 4'");
    }

    /// <summary>The columns a rule may read: every column of the table but the target.</summary>
    public static IReadOnlyList<RuleColumn> Columns(ColumnTable table, string? target) =>
        table.Columns.Where(column => column.Name != target)
            .Select(column => new RuleColumn(column.Name, column.IsNumeric, column.Kind == ColumnKind.Boolean))
            .ToList();

    /// <summary>1 where the rule holds on a row, 0 where it does not (a missing value it needs makes it not hold).</summary>
    public static double[] Scores(Rule rule, ColumnTable table, IReadOnlyList<int> rows)
    {
        var reader = new TableRow(rule, table);
        var scores = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            reader.Row = rows[i];
            scores[i] = rule.Score(reader);
        }
        return scores;
    }

    /// <summary>A table row as the rule reads it: the rule's i-th column is a column of the table.</summary>
    private sealed class TableRow(Rule rule, ColumnTable table) : IRuleRow
    {
        private readonly TableColumn[] _columns = rule.Columns.Select(column => table.Get(column.Name, "rule")).ToArray();

        public int Row { get; set; }

        public double Number(int column) => _columns[column].Number(Row);

        public string? Text(int column) => _columns[column].String(Row);
    }
}

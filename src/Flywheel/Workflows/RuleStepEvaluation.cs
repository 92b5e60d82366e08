using Flywheel.Tasks;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Rules;
using Flywheel.Data.Splits;
using Flywheel.Evaluation;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;
using Flywheel.UseCases;

namespace Flywheel.Workflows;

/// <summary>A rule step measured on the data: its rule, the test and validation evaluations, and the record its package keeps.</summary>
public sealed record RuleStepResult(PlanStepSpec Step, Rule Rule, EvaluationReport Test, EvaluationReport Validation, TrainingRecord Record, RuleStepData Data);

/// <summary>What the rule was measured on: the target's classes, the data's fingerprint, the split seed and the labelled test rows (row indices into the table).</summary>
public sealed record RuleStepData(string Target, string Positive, string Negative, IReadOnlyList<string> Classes, string DataFingerprint, int Seed, IReadOnlyList<int> TestRows);

/// <summary>
/// Measures a rule step exactly as training measures a model: the same seeded split of the same table (so the
/// rule's test rows are the model's test rows), the same metrics (<see cref="Evaluator.Binary"/>) and the same
/// decision prices — the rule's 1/0 scores priced at the fixed threshold 0.5 (<see cref="DecisionPolicy.Fixed"/>).
/// Nothing is fitted, so validation and test are both reported as they are.
/// </summary>
public static class RuleStepEvaluation
{
    public static RuleStepResult Evaluate(UseCase useCase, PlanStepSpec step, ColumnTable table)
    {
        var options = PreparationOptions.From(useCase, MlTask.Binary);
        var file = useCase.FilePath;
        var target = table.Get(options.Target, "'data.target'");
        var classes = PlanFitter.Classes(target, table.RowCount);
        if (classes.Count != 2)
            throw (step.Rule?.Position ?? step.Position).Error(
                $"plan step '{step.Name}': a rule step prices a yes/no decision, but '{options.Target}' has {classes.Count} classes; rules for multiclass and regression targets are not supported");
        var positive = PlanFitter.PositiveClass(target, classes, options.Positive, file);
        var negative = classes.First(c => c != positive);
        var rule = PlanRules.Compile(useCase, step, table);

        var fingerprint = TableFingerprint.Compute(table);
        var split = Splitter.Assign(options.Split, TableSplitKeys.From(table, options.Split, file), fingerprint, file);
        IReadOnlyList<int> Labelled(SplitName name) => split.RowsIn(name).Where(row => !target.IsMissing(row)).ToList();
        var decision = useCase.Decision is { } section ? DecisionSettings.From(section) : null;

        EvaluationReport Measure(IReadOnlyList<int> rows)
        {
            var labels = rows.Select(row => target.String(row) == positive).ToList();
            var scores = PlanRules.Scores(rule, table, rows);
            var report = Evaluator.Binary(new BinaryPredictions(labels, scores), new BinaryClasses(negative, positive));
            return decision?.Binary is { } outcomes
                ? report with { Decision = DecisionPolicy.Fixed(0.5, outcomes, decision.Options).Evaluate(labels, scores) }
                : report;
        }

        var testRows = Labelled(SplitName.Test);
        var test = Measure(testRows);
        var validation = Measure(Labelled(SplitName.Validation));
        var record = new TrainingRecord(
            useCase.Name, "binary", $"rule step '{step.Name}' of the plan: act where '{rule.Text}' holds", options.Target,
            "value_per_item", true, "none: a fixed rule is not fitted", options.Split.Seed, 0, [], 0, "rule",
            new Dictionary<string, double>(), null, null, fingerprint, split.Fingerprint,
            new Dictionary<string, int> { ["train"] = Labelled(SplitName.Train).Count, ["validation"] = (int)validation.Rows, ["test"] = (int)test.Rows },
            null, null, new Dictionary<string, double>(), "none");
        return new RuleStepResult(step, rule, test, validation, record, new RuleStepData(options.Target, positive, negative, classes, fingerprint, options.Split.Seed, testRows));
    }
}

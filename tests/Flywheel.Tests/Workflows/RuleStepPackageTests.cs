using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Serving;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

/// <summary>The churn sample's rule step, measured, registered and served as a model package of its own.</summary>
public sealed class RuleStepPackageTests : IDisposable
{
    private readonly UseCaseFolder _folder = UseCaseFolder.FromSample("churn", "data/mlc_churn.csv");

    public void Dispose() => _folder.Dispose();

    private UseCase UseCase => UseCaseLoader.Load(_folder.Path);

    private PlanStepSpec RuleStep => UseCase.Plan!.Steps.Single(step => step.Kind == PlanStepKind.Rule);

    [Fact]
    public void The_rules_test_rows_are_the_models_test_rows()
    {
        var table = ColumnTableReader.Read(SourceSpec.FromUseCase(UseCase));
        var measured = RuleStepEvaluation.Evaluate(UseCase, RuleStep, table);
        var prepared = DataPreparation.Prepare(table, PreparationOptions.From(UseCase, Flywheel.Tasks.MlTask.Binary));
        Assert.Equal(prepared.Split.RowsIn(SplitName.Test), measured.Data.TestRows);
        Assert.Equal(750, measured.Test.Rows);
        Assert.Equal("yes", measured.Data.Positive);
        // The decision is the rule's own: every row where the rule holds is an offer, at the fixed threshold 0.5.
        var acted = PlanRules.Scores(measured.Rule, table, measured.Data.TestRows).Count(score => score == 1);
        var confusion = measured.Test.Decision!.Confusion!.Value;
        Assert.Equal(acted, confusion.TruePositive + confusion.FalsePositive);
        Assert.Equal(0.5, measured.Test.Decision.Threshold);
    }

    [Fact]
    public void The_registered_package_predicts_what_the_rule_decides_in_memory()
    {
        var plan = PlanWorkflow.Run(UseCase);
        var step = plan.Steps.Single(s => s.Step.Kind == PlanStepKind.Rule);
        Assert.Equal("telco-churn-service-calls-rule:1", step.Model);

        var package = ModelLocator.Resolve("telco-churn-service-calls-rule@candidate", _folder.Path);
        Assert.True(package.IsRule);
        Assert.Equal("rule", package.Manifest.Trainer);
        var scoring = ScoringModel.Load(package);
        Assert.True(scoring.IsRule);
        var output = _folder.File("scored.csv");
        var data = UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv");
        var summary = CsvPredictor.Predict(scoring, data, output);
        Assert.Equal(5000, summary.Rows);

        var table = ColumnTableReader.Read(SourceSpec.FromUseCase(UseCase));
        var inMemory = PlanRules.Scores(PlanRules.Compile(UseCase, RuleStep, table), table, Enumerable.Range(0, table.RowCount).ToList());
        var all = File.ReadAllLines(output);
        var header = all[0].Split(',').ToList();
        var lines = all.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(inMemory.Select(score => score == 1 ? "yes" : "no"), lines.Select(fields => fields[header.IndexOf("label")]));
        Assert.Equal(inMemory, lines.Select(fields => double.Parse(fields[header.IndexOf("score")], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(inMemory, score => score == 1);

        // Same rule, same data: the same package, so the same version.
        var again = PlanWorkflow.Run(UseCase).Steps.Single(s => s.Step.Kind == PlanStepKind.Rule);
        Assert.Equal("telco-churn-service-calls-rule:1", again.Model);
        Assert.Null(plan.Steps.Single(s => s.Step.Kind == PlanStepKind.Ml).Go); // no model trained in this folder
    }
}

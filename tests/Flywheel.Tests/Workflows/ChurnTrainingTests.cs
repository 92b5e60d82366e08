using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

public class ChurnTrainingTests
{
    public static string Yaml() => $$"""
        name: churn
        statement: As a subscriber about to leave, I get an offer that keeps me.
        data:
          source: {{UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv")}}
          target: churn
          positive: "yes"
        training:
          budget: 120s
          seed: 7
        decision:
          volume: 3000 customers/day
          outcomes: { tp: -500 JPY, fp: -500 JPY, fn: -200000 JPY, tn: 0 JPY }
        """;

    [Fact]
    public void Trains_evaluates_and_packages_churn()
    {
        using var folder = new UseCaseFolder(Yaml());
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(MaxTrials: 4));
        var decision = outcome.Test.Decision!;
        Assert.True(outcome.Test.Metric("auc") >= 0.90, $"test AUC {outcome.Test.Metric("auc")}");
        Assert.True(decision.ValuePerItem > decision.ValuePerItemAtHalf, $"chosen {decision.ValuePerItem} vs 0.5 {decision.ValuePerItemAtHalf}");
        Assert.True(File.Exists(Path.Combine(outcome.PackageDirectory, "model.zip")));
    }
}

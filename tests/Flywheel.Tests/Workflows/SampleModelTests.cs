using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

public class SampleModelTests
{
    [Fact]
    public void House_prices_rmse_beats_the_hands_on_random_forest()
    {
        using var folder = new UseCaseFolder($"""
            name: house-prices
            statement: As a home seller, I get a fair asking price the day I list.
            data:
              source: {UseCaseFolder.Repo("samples/house-prices/data/ames.csv")}
              target: Sale_Price
            training:
              trainers: [LightGbm]
            """);
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 1, Importance: false));
        Assert.Equal("regression", outcome.Record.Task);
        Assert.True(outcome.Test.Metric("rmse") < 33_067, $"test RMSE {outcome.Test.Metric("rmse")} USD");
        Assert.InRange(outcome.Test.Metric("r2")!.Value, 0.8, 1.0);
        Assert.Null(outcome.Test.Decision);
    }

    [Fact]
    public void Penguins_species_are_told_apart_and_mistakes_are_priced()
    {
        using var folder = UseCaseFolder.FromSample("penguins", "data/penguins.csv", """
            decision:
              volume: 40 birds/day
              matrix:            # rows: actual Adelie, Chinstrap, Gentoo; columns: predicted
                - [0 JPY, -100 JPY, -100 JPY]
                - [-100 JPY, 0 JPY, -100 JPY]
                - [-100 JPY, -100 JPY, 0 JPY]
            """);
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 2, Importance: false));
        Assert.Equal("multiclass", outcome.Record.Task);
        Assert.Equal(EvaluationScorer.ValueObjective, outcome.Record.Objective);
        Assert.StartsWith("5-fold cross-validation", outcome.Record.Validation);
        var accuracy = outcome.Test.Metric("accuracy")!.Value;
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy}");
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], outcome.Test.ConfusionMatrix!.Classes);
        // Every mistake costs 100 JPY: value per item = −100 × error rate.
        Assert.Equal(-100 * (1 - accuracy), outcome.Test.Decision!.ValuePerItem, 9);
        Assert.Equal(outcome.Test.Decision.ValuePerItem * 40, outcome.Test.Decision.ValuePerDay!.Value, 9);
    }
}

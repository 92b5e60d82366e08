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
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path, UseCaseFolder.Samples), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 1, Importance: false));
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
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path, UseCaseFolder.Samples), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 2, Importance: false));
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

    [Fact]
    public void Uncertain_species_go_to_a_reviewer_when_mistakes_cost_more_than_a_look()
    {
        // Without bill length, Adelie and Chinstrap overlap: some birds are worth a second look at 50 JPY.
        using var folder = new UseCaseFolder($"""
            name: penguins-review
            statement: As a field researcher, I get the species of a penguin, and a second look when the model is unsure.
            data:
              source: {UseCaseFolder.Repo("samples/penguins/data/penguins.csv")}
              target: species
              drop: [bill_length_mm, island]
            decision:
              volume: 40 birds/day
              matrix:
                - [0 JPY, -5000 JPY, -5000 JPY]
                - [-5000 JPY, 0 JPY, -5000 JPY]
                - [-5000 JPY, -5000 JPY, 0 JPY]
              review:
                cost: 50 JPY
                minutes: 3
            """);
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path, UseCaseFolder.Samples), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 2, Importance: false));
        var decision = outcome.Test.Decision!;
        var band = Assert.IsType<Flywheel.Evaluation.Decisions.ReviewBand>(decision.ReviewBand);
        Assert.Equal(0, band.Lower);
        Assert.InRange(decision.ReviewRate, 0.001, 0.999);
        Assert.Equal(40 * decision.ReviewRate * 3 / 60, decision.ReviewerHoursPerDay!.Value, 9);

        // Serving applies the same floor: exactly the rows whose top-class probability is below it are routed to review.
        var output = folder.File("scored.csv");
        Flywheel.Serving.CsvPredictor.Predict(Flywheel.Serving.ScoringModel.Load(outcome.PackageDirectory), UseCaseFolder.Repo("samples/penguins/data/penguins.csv"), output);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        var (score, label, route, suggested) = (header.IndexOf("score"), header.IndexOf("label"), header.IndexOf("decision"), header.IndexOf("suggested_label"));
        Assert.Contains(rows, row => row[route] == "review");
        Assert.All(rows, row => Assert.Equal(double.Parse(row[score], System.Globalization.CultureInfo.InvariantCulture) < band.Upper ? "review" : "automatic", row[route]));
        // A review row names no species of its own; the model's guess is beside it.
        Assert.All(rows, row => Assert.Equal(row[route] == "review" ? "" : row[suggested], row[label]));
    }
}

using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

/// <summary>The serving path reproduces training's test predictions on each task's sample.</summary>
[Collection(ChurnModelCollection.Name)]
public class ServingParityTests(ChurnModel churn)
{
    [Fact]
    public void Churn_binary_test_rows_score_as_at_training()
    {
        var scored = ServingParity.Check(churn.Outcome, UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv"), churn.Folder.Path);
        Assert.Equal(751, scored.Count);
    }

    [Fact]
    public void Penguins_multiclass_test_rows_score_as_at_training_with_a_probability_per_species()
    {
        using var folder = UseCaseFolder.FromSample("penguins", "data/penguins.csv");
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(MaxTrials: 2, Importance: false));
        var scored = ServingParity.Check(outcome, UseCaseFolder.Repo("samples/penguins/data/penguins.csv"), folder.Path);
        Assert.EndsWith(",score,label,decision,suggested_label,p_Adelie,p_Chinstrap,p_Gentoo", string.Join(",", scored[0]));
    }

    [Fact]
    public void House_prices_regression_test_rows_score_as_at_training()
    {
        using var folder = UseCaseFolder.FromSample("house-prices", "data/ames.csv");
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(MaxTrials: 1, Importance: false));
        ServingParity.Check(outcome, UseCaseFolder.Repo("samples/house-prices/data/ames.csv"), folder.Path);
    }
}

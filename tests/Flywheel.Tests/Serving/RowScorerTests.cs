using Flywheel.Data.Preprocessing;
using Flywheel.Serving;
using Flywheel.Tasks;
using Flywheel.Tests.Data.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Flywheel.Tests.Serving;

/// <summary>
/// Scoring row by row through the bound mapper must give exactly what ML.NET's batch Transform gives over the same
/// rows, including missing numbers, missing and unseen categories.
/// </summary>
public class RowScorerTests
{
    private static (ScoringModel Scoring, ITransformer Chain, PreparedData Prepared) Trained(PreparationOptions options, MlTask task, Func<MLContext, IEstimator<ITransformer>> trainer)
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), options);
        var chain = prepared.Transformer.Append(trainer(prepared.Context).Fit(prepared.Train));
        var inputs = prepared.InputColumns.Select(column => new ServingInputColumn(column.Name, column.IsNumeric)).ToList();
        var spec = new ServingSpec(task, inputs, prepared.Label.Classes, new ServingPolicy(options.Target, options.Positive, false, 0.5, null, null, null));
        return (new ScoringModel(chain, spec), chain, prepared);
    }

    [Fact]
    public void Binary_scores_equal_the_batch_transform_and_repeat_identically()
    {
        var (scoring, chain, prepared) = Trained(PreparationFixtures.Binary(), MlTask.Binary,
            ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }));
        var table = PreparationFixtures.Table();
        var expected = chain.Transform(ServingInput.ToDataView(table, prepared.InputColumns)).GetColumn<float>("Probability").ToArray();

        var first = scoring.Score(table);
        var second = scoring.Score(table);

        Assert.Equal(expected.Select(p => (double)p), first.Select(row => row.Score));
        Assert.Equal(first.Select(row => row.Score), second.Select(row => row.Score));
        Assert.Equal(expected.Select(p => p >= 0.5 ? "yes" : "no"), first.Select(row => row.Label));
    }

    [Fact]
    public void Regression_scores_equal_the_batch_transform()
    {
        var options = new PreparationOptions("price", MlTask.Regression, PreparationFixtures.TimeSplit) { Drop = ["churn"] };
        var (scoring, chain, prepared) = Trained(options, MlTask.Regression,
            ml => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 5 }));
        var table = PreparationFixtures.Table();
        var expected = chain.Transform(ServingInput.ToDataView(table, prepared.InputColumns)).GetColumn<float>("Score").ToArray();

        var scored = scoring.Score(table);

        Assert.Equal(expected.Select(value => (double)value), scored.Select(row => row.Score));
        Assert.Equal(expected.Select(value => ((double)value).ToString("R", System.Globalization.CultureInfo.InvariantCulture)), scored.Select(row => row.Label));
    }
}

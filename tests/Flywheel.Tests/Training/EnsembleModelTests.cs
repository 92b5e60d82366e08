using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Ensembles;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;
using Microsoft.ML;

namespace Flywheel.Tests.Training;

/// <summary>The ensemble as one ML.NET chain: it averages what its members predict, and survives save and load.</summary>
public class EnsembleModelTests
{
    [Theory]
    [InlineData(MlTask.Binary)]
    [InlineData(MlTask.Multiclass)]
    [InlineData(MlTask.Regression)]
    public void The_chain_predicts_the_weighted_mean_of_its_members_and_predicts_the_same_after_save_and_load(MlTask task)
    {
        var train = Synthetic.Table(task, 300, seed: 1);
        var rows = Synthetic.Table(task, 50, seed: 2);
        var trainers = TrainerCatalog.For(task, ["LightGbm", "FastTree"]);
        var hyperparameters = trainers.Select(t => t.Space.Defaults()).ToList();
        var members = trainers.Select((t, i) => TrialRunner.Fit(t, hyperparameters[i], 3, train)).ToList();
        var ml = new MLContext(3);

        var ensemble = EnsembleModel.Build(ml, task, members, [2, 1], train.ToDataView(ml));

        var memberPredictions = members.Select(m => TrialRunner.Predict(m, rows, 3)).ToList();
        var expected = EnsembleAveraging.Average([memberPredictions[0], memberPredictions[0], memberPredictions[1]]);
        var actual = TrialRunner.Predict(ensemble, rows, 3);
        AssertClose(expected, actual);

        using var zip = new MemoryStream();
        ml.Model.Save(ensemble, train.ToDataView(ml).Schema, zip);
        zip.Position = 0;
        var loader = new MLContext(0);
        EnsembleModel.Register(loader);
        var reloaded = loader.Model.Load(zip, out _);
        var again = TrialRunner.Predict(reloaded, rows, 3);
        Assert.Equal(actual.Values, again.Values);
        Assert.Equal(actual.ClassScores?.SelectMany(r => r), again.ClassScores?.SelectMany(r => r));
    }

    private static void AssertClose(Predictions expected, Predictions actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            // The chain averages in single precision.
            Assert.Equal(expected.Values[row], actual.Values[row], 1e-6 * Math.Max(1, Math.Abs(expected.Values[row])));
            if (expected.ClassScores is { } scores)
                for (var c = 0; c < scores[row].Length; c++) Assert.Equal(scores[row][c], actual.ClassScores![row][c], 1e-6);
        }
    }
}

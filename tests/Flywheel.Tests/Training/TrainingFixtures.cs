using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Search;

namespace Flywheel.Tests.Training;

/// <summary>Small synthetic tables with a known signal, so trainer tests run in milliseconds.</summary>
internal static class Synthetic
{
    public static FeatureTable Table(MlTask task, int rows, int seed)
    {
        var random = new Random(seed);
        var features = new List<float[]>();
        var labels = new List<double>();
        for (var i = 0; i < rows; i++)
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var signal = 2 * x[0] - x[1] + 0.5 * x[2] + 0.3 * (random.NextDouble() - 0.5);
            features.Add(x);
            labels.Add(task switch
            {
                MlTask.Binary => signal > 0 ? 1 : 0,
                MlTask.Multiclass => signal < -0.7 ? 0 : signal < 0.7 ? 1 : 2,
                _ => 20 + 5 * signal,
            });
        }
        return new FeatureTable(task, features, labels, 4, task == MlTask.Multiclass ? 3 : 0);
    }
}

/// <summary>
/// Objectives written out in the test from their definitions (accuracy, RMSE), standing in for the Evaluation
/// stage's metric catalog that production passes to the search.
/// </summary>
internal sealed class AccuracyScorer : ITrialScorer
{
    public string ObjectiveName => "accuracy";
    public bool HigherIsBetter => true;

    public TrialScore Score(Predictions predictions)
    {
        var predicted = predictions.Task == MlTask.Binary
            ? predictions.Values.Select(p => p >= 0.5 ? 1.0 : 0.0).ToArray()
            : predictions.Values;
        var accuracy = predicted.Zip(predictions.Actual).Count(pair => pair.First == pair.Second) / (double)predictions.Count;
        return new TrialScore(accuracy, new Dictionary<string, double> { ["accuracy"] = accuracy });
    }
}

internal sealed class RmseScorer : ITrialScorer
{
    public string ObjectiveName => "rmse";
    public bool HigherIsBetter => false;

    public TrialScore Score(Predictions predictions)
    {
        var rmse = Math.Sqrt(predictions.Values.Zip(predictions.Actual).Average(pair => (pair.First - pair.Second) * (pair.First - pair.Second)));
        return new TrialScore(rmse, new Dictionary<string, double> { ["rmse"] = rmse });
    }
}

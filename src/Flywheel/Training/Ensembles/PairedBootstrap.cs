using Flywheel.Tasks;
using Flywheel.Training.Search;

namespace Flywheel.Training.Ensembles;

/// <summary>
/// How much the objective's difference between two models' predictions of the same rows moves with the rows
/// drawn: resample the rows with replacement (within each class for classification, so every sample has every
/// class an AUC needs), score both models on each sample, and take the standard deviation of the differences.
/// Seeded, so the same predictions give the same figure.
/// </summary>
public static class PairedBootstrap
{
    public const int Resamples = 100;

    public static double StandardErrorOfDifference(Predictions a, Predictions b, ITrialScorer scorer, int seed, int resamples = Resamples)
    {
        if (a.Count != b.Count) throw new ArgumentException("both models must predict the same rows", nameof(b));
        var random = new Random(seed);
        var differences = new List<double>(resamples);
        for (var r = 0; r < resamples; r++)
        {
            var rows = Resample(a, random);
            var difference = scorer.Score(a.Rows(rows)).Objective - scorer.Score(b.Rows(rows)).Objective;
            if (double.IsFinite(difference)) differences.Add(difference);
        }
        if (differences.Count < 2) return double.PositiveInfinity;
        var mean = differences.Average();
        return Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1));
    }

    /// <summary>As many rows as there are, drawn with replacement; within each class for classification.</summary>
    private static IReadOnlyList<int> Resample(Predictions predictions, Random random)
    {
        var groups = predictions.Task == MlTask.Regression
            ? [Enumerable.Range(0, predictions.Count).ToArray()]
            : Enumerable.Range(0, predictions.Count).GroupBy(i => predictions.Actual[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        return groups.SelectMany(group => Enumerable.Range(0, group.Length).Select(_ => group[random.Next(group.Length)])).ToList();
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Training;

/// <summary>
/// What a model said about rows whose answer is known. Binary: <see cref="Values"/> is the probability of the
/// positive class. Multiclass: <see cref="ClassScores"/> holds a probability per class and <see cref="Values"/>
/// the index of the most likely class. Regression: <see cref="Values"/> is the predicted number.
/// </summary>
public sealed record Predictions(MlTask Task, double[] Actual, double[] Values, double[][]? ClassScores = null)
{
    public int Count => Actual.Length;

    public Predictions Concat(Predictions other) => new(
        Task,
        [.. Actual, .. other.Actual],
        [.. Values, .. other.Values],
        ClassScores is null || other.ClassScores is null ? null : [.. ClassScores, .. other.ClassScores]);

    /// <summary>The predictions of the given rows, in that order (a row may repeat, as in a bootstrap sample).</summary>
    public Predictions Rows(IReadOnlyList<int> rows) => new(
        Task,
        rows.Select(i => Actual[i]).ToArray(),
        rows.Select(i => Values[i]).ToArray(),
        ClassScores is null ? null : rows.Select(i => ClassScores[i]).ToArray());

    /// <summary>Reads the scored view of a model's output (Probability for binary, Score otherwise) next to the known labels.</summary>
    public static Predictions Read(IDataView scored, MlTask task, IReadOnlyList<double> actual)
    {
        var labels = actual.ToArray();
        switch (task)
        {
            case MlTask.BinaryClassification:
                return new Predictions(task, labels, scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray());
            case MlTask.MulticlassClassification:
            {
                var scores = scored.GetColumn<VBuffer<float>>("Score").Select(s => s.DenseValues().Select(v => (double)v).ToArray()).ToArray();
                var predicted = scores.Select(row => (double)ArgMax(row)).ToArray();
                return new Predictions(task, labels, predicted, scores);
            }
            default:
                return new Predictions(task, labels, scored.GetColumn<float>("Score").Select(p => (double)p).ToArray());
        }
    }

    public static int ArgMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}

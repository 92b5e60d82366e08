using Flywheel.Tasks;
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

    /// <summary>Reads the task's output column of a scored view (<see cref="MlTasks.OutputColumn"/>) next to the known labels.</summary>
    public static Predictions Read(IDataView scored, MlTask task, IReadOnlyList<double> actual)
    {
        var labels = actual.ToArray();
        if (task != MlTask.Multiclass)
            return new Predictions(task, labels, scored.GetColumn<float>(task.OutputColumn()).Select(p => (double)p).ToArray());
        var scores = scored.GetColumn<VBuffer<float>>(task.OutputColumn()).Select(s => s.DenseValues().Select(v => (double)v).ToArray()).ToArray();
        return new Predictions(task, labels, scores.Select(row => (double)MlTasks.ArgMax(row)).ToArray(), scores);
    }
}

namespace Flywheel.Training.Ensembles;

/// <summary>
/// The ensemble's prediction: the plain mean of its members' predictions, slot by slot — the positive-class
/// probability (binary), the class probabilities (multiclass) or the predicted value (regression). A member picked
/// twice counts twice, so weights are whole-number counts.
/// </summary>
public static class EnsembleAveraging
{
    public static Predictions Average(IReadOnlyList<Predictions> picks)
    {
        if (picks.Count == 0) throw new ArgumentException("an ensemble needs at least one member", nameof(picks));
        var first = picks[0];
        if (picks.Any(p => p.Task != first.Task || p.Count != first.Count))
            throw new ArgumentException("members must predict the same task on the same rows", nameof(picks));
        if (first.ClassScores is null)
        {
            var values = new double[first.Count];
            for (var row = 0; row < values.Length; row++) values[row] = picks.Average(p => p.Values[row]);
            return new Predictions(first.Task, first.Actual, values);
        }

        var classes = first.ClassScores[0].Length;
        var scores = new double[first.Count][];
        for (var row = 0; row < scores.Length; row++)
        {
            scores[row] = new double[classes];
            foreach (var pick in picks)
                for (var c = 0; c < classes; c++) scores[row][c] += pick.ClassScores![row][c] / picks.Count;
        }
        return new Predictions(first.Task, first.Actual, scores.Select(row => (double)Tasks.MlTasks.ArgMax(row)).ToArray(), scores);
    }
}

namespace Flywheel.Evaluation.Metrics;

/// <summary>
/// Binary predictions: the true label (true = positive class) and the model's score, the probability of the
/// positive class. A row is predicted positive when <c>score &gt;= Threshold</c>.
/// </summary>
public sealed record BinaryPredictions
{
    public BinaryPredictions(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Count != scores.Count)
            throw new ArgumentException($"{labels.Count} labels but {scores.Count} scores; they must pair up row by row");
        if (labels.Count == 0) throw new ArgumentException("no rows to evaluate");
        for (var i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"score of row {i} is {scores[i]}, not a finite number");
        }
        if (!double.IsFinite(threshold) && !double.IsPositiveInfinity(threshold))
            throw new ArgumentException($"threshold {threshold} is not a number");
        Labels = labels.ToArray();
        Scores = scores.ToArray();
        Threshold = threshold;
    }

    public bool[] Labels { get; }
    public double[] Scores { get; }
    public double Threshold { get; }
    public int Count => Labels.Length;

    public bool PredictedPositive(int row) => Scores[row] >= Threshold;

    /// <summary>Counts of the four outcomes at <see cref="Threshold"/>.</summary>
    public BinaryConfusion Confusion() => BinaryConfusion.Count(Labels, Scores, Threshold);
}

/// <summary>
/// Multiclass predictions over classes 0..ClassCount-1: the true class, the predicted class and, when the model
/// gives them, the per-class probabilities (one row of ClassCount numbers per item).
/// </summary>
public sealed record MulticlassPredictions
{
    /// <summary>Predictions from probabilities: the predicted class is the argmax (the first on ties, as numpy).</summary>
    public MulticlassPredictions(IReadOnlyList<int> labels, IReadOnlyList<IReadOnlyList<double>> probabilities, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (labels.Count != probabilities.Count)
            throw new ArgumentException($"{labels.Count} labels but {probabilities.Count} probability rows");
        if (probabilities.Count == 0) throw new ArgumentException("no rows to evaluate");
        var classCount = probabilities[0].Count;
        var rows = new double[probabilities.Count][];
        var predicted = new int[probabilities.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            if (probabilities[i].Count != classCount)
                throw new ArgumentException($"probability row {i} has {probabilities[i].Count} values, expected {classCount}");
            rows[i] = probabilities[i].ToArray();
            if (rows[i].Any(p => !double.IsFinite(p))) throw new ArgumentException($"probability row {i} has a value that is not a finite number");
            predicted[i] = Tasks.MlTasks.ArgMax(rows[i]);
        }
        (Labels, Predicted, ClassCount, ClassNames) = Validate(labels, predicted, classCount, classNames);
        Probabilities = rows;
    }

    /// <summary>Predictions given as classes only; metrics that need probabilities (log loss) are then undefined.</summary>
    public MulticlassPredictions(IReadOnlyList<int> labels, IReadOnlyList<int> predicted, int classCount, IReadOnlyList<string>? classNames = null)
    {
        if (labels.Count != predicted.Count)
            throw new ArgumentException($"{labels.Count} labels but {predicted.Count} predictions");
        if (labels.Count == 0) throw new ArgumentException("no rows to evaluate");
        (Labels, Predicted, ClassCount, ClassNames) = Validate(labels, predicted, classCount, classNames);
        Probabilities = null;
    }

    public int[] Labels { get; }
    public int[] Predicted { get; }
    public double[][]? Probabilities { get; }
    public int ClassCount { get; }
    public string[] ClassNames { get; }
    public int Count => Labels.Length;

    private static (int[], int[], int, string[]) Validate(IReadOnlyList<int> labels, IReadOnlyList<int> predicted, int classCount, IReadOnlyList<string>? classNames)
    {
        if (classCount < 2) throw new ArgumentException($"a multiclass task needs at least 2 classes, got {classCount}");
        if (classNames is not null && classNames.Count != classCount)
            throw new ArgumentException($"{classNames.Count} class names for {classCount} classes");
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= classCount) throw new ArgumentException($"label of row {i} is {labels[i]}, outside 0..{classCount - 1}");
            if (predicted[i] < 0 || predicted[i] >= classCount) throw new ArgumentException($"prediction of row {i} is {predicted[i]}, outside 0..{classCount - 1}");
        }
        var names = classNames?.ToArray() ?? Enumerable.Range(0, classCount).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (labels.ToArray(), predicted.ToArray(), classCount, names);
    }
}

/// <summary>Regression predictions: the true value and the predicted value of each row.</summary>
public sealed record RegressionPredictions
{
    public RegressionPredictions(IReadOnlyList<double> labels, IReadOnlyList<double> predicted)
    {
        if (labels.Count != predicted.Count)
            throw new ArgumentException($"{labels.Count} labels but {predicted.Count} predictions");
        if (labels.Count == 0) throw new ArgumentException("no rows to evaluate");
        for (var i = 0; i < labels.Count; i++)
        {
            if (!double.IsFinite(labels[i]) || !double.IsFinite(predicted[i]))
                throw new ArgumentException($"row {i} has a label or prediction that is not a finite number");
        }
        Labels = labels.ToArray();
        Predicted = predicted.ToArray();
    }

    public double[] Labels { get; }
    public double[] Predicted { get; }
    public int Count => Labels.Length;
}

using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;
using Flywheel.Training;

namespace Flywheel.Evaluation.Scoring;

/// <summary>
/// Turns the training stage's <see cref="Predictions"/> (labels and predictions as doubles) into this stage's typed
/// predictions: binary label = Actual &gt; 0.5, score = Values; multiclass label = (int)Actual, probabilities =
/// ClassScores (or predicted = (int)Values when there are none); regression as is.
/// </summary>
public static class TrainingPredictions
{
    public static BinaryPredictions ToBinary(this Predictions predictions, double threshold = 0.5)
    {
        Expect(predictions, MlTask.BinaryClassification);
        return new BinaryPredictions(predictions.Actual.Select(a => a > 0.5).ToArray(), predictions.Values, threshold);
    }

    /// <param name="classCount">Needed only when the predictions carry no class scores.</param>
    public static MulticlassPredictions ToMulticlass(this Predictions predictions, IReadOnlyList<string>? classNames = null, int? classCount = null)
    {
        Expect(predictions, MlTask.MulticlassClassification);
        var labels = predictions.Actual.Select(ClassIndex).ToArray();
        if (predictions.ClassScores is { } scores) return new MulticlassPredictions(labels, scores, classNames);
        var count = classCount ?? classNames?.Count
            ?? throw new ArgumentException("multiclass predictions without class scores need the class count");
        return new MulticlassPredictions(labels, predictions.Values.Select(ClassIndex).ToArray(), count, classNames);
    }

    public static RegressionPredictions ToRegression(this Predictions predictions)
    {
        Expect(predictions, MlTask.Regression);
        return new RegressionPredictions(predictions.Actual, predictions.Values);
    }

    /// <summary>The evaluation report for whichever task the predictions are of (class count: see <see cref="ToMulticlass"/>).</summary>
    public static EvaluationReport Evaluate(this Predictions predictions, IReadOnlyList<string>? classNames = null, int? classCount = null) => predictions.Task switch
    {
        MlTask.BinaryClassification => classNames is { Count: 2 }
            ? Evaluator.Binary(predictions.ToBinary(), classNames[0], classNames[1])
            : Evaluator.Binary(predictions.ToBinary()),
        MlTask.MulticlassClassification => Evaluator.Multiclass(predictions.ToMulticlass(classNames, classCount)),
        _ => Evaluator.Regression(predictions.ToRegression()),
    };

    private static int ClassIndex(double value) =>
        value >= 0 && value == Math.Floor(value) && value <= int.MaxValue
            ? (int)value
            : throw new ArgumentException($"a class index must be a whole number ≥ 0, not {value}");

    private static void Expect(Predictions predictions, MlTask task)
    {
        if (predictions.Task != task) throw new ArgumentException($"these are {predictions.Task.ToName()} predictions, not {task.ToName()}");
    }
}

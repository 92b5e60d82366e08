using Flywheel.Data.Preprocessing;
using Flywheel.Evaluation.Metrics;
using Flywheel.Training;

namespace Flywheel.Workflows;

/// <summary>Turns the Training stage's predictions into the Evaluation stage's records, in the target's own units.</summary>
public static class PredictionConversions
{
    public static BinaryPredictions ToBinary(this Predictions predictions) =>
        new(predictions.Actual.Select(label => label > 0.5).ToArray(), predictions.Values);

    public static MulticlassPredictions ToMulticlass(this Predictions predictions, IReadOnlyList<string> classes) =>
        new(predictions.Actual.Select(label => (int)label).ToArray(),
            predictions.ClassScores ?? throw new InvalidOperationException("multiclass predictions carry class probabilities"),
            classes);

    /// <summary>Regression labels and predictions mapped back from label space (e.g. log) to the target's unit.</summary>
    public static RegressionPredictions ToRegression(this Predictions predictions, LabelMapping mapping) =>
        new(predictions.Actual.Select(mapping.ToTarget).ToArray(), predictions.Values.Select(mapping.ToTarget).ToArray());
}

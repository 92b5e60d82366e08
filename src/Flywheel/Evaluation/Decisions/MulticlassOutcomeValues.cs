using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// What each (actual, predicted) pair is worth per item: <c>Values[actual][predicted]</c>, K×K in the class order of
/// the predictions, in <see cref="Currency"/> (negative = a cost).
/// </summary>
public sealed record MulticlassOutcomeValues(double[][] Values, string Currency)
{
    public int ClassCount => Values.Length;

    /// <summary>
    /// Prices argmax predictions: value per item = Σᵢⱼ count[i][j]·Values[i][j] / n, and per day with a volume.
    /// </summary>
    public DecisionReport Evaluate(MulticlassPredictions predictions, double? volumePerDay = null)
    {
        if (Values.Length != predictions.ClassCount || Values.Any(row => row.Length != predictions.ClassCount))
            throw new ArgumentException($"the value matrix must be {predictions.ClassCount}×{predictions.ClassCount}, one row and column per class");
        var counts = MulticlassMetrics.Confusion(predictions).Counts;
        double total = 0;
        for (var actual = 0; actual < ClassCount; actual++)
        {
            for (var predicted = 0; predicted < ClassCount; predicted++) total += counts[actual][predicted] * Values[actual][predicted];
        }
        var perItem = total / predictions.Count;
        return new DecisionReport("multiclass", Currency, predictions.Count, null, null, perItem, perItem * volumePerDay,
            1, 0, null, null, null, null, null, null, null);
    }
}

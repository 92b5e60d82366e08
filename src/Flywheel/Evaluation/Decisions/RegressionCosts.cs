using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// Asymmetric per-unit error costs of a regression, positive amounts in <see cref="Currency"/>: each unit the
/// prediction falls short of the truth costs <see cref="UnderPerUnit"/>, each unit above it <see cref="OverPerUnit"/>.
/// </summary>
public sealed record RegressionCosts(double UnderPerUnit, double OverPerUnit, string Currency)
{
    /// <summary>Cost of one prediction: under·max(0, y − ŷ) + over·max(0, ŷ − y).</summary>
    public double CostOf(double truth, double predicted) =>
        UnderPerUnit * Math.Max(0, truth - predicted) + OverPerUnit * Math.Max(0, predicted - truth);

    /// <summary>Prices the predictions: value per item = −mean cost, and per day with a volume.</summary>
    public DecisionReport Evaluate(RegressionPredictions predictions, double? volumePerDay = null)
    {
        double total = 0;
        for (var i = 0; i < predictions.Count; i++) total += CostOf(predictions.Labels[i], predictions.Predicted[i]);
        var perItem = -total / predictions.Count;
        return new DecisionReport("regression", Currency, predictions.Count, null, null, perItem, perItem * volumePerDay,
            1, 0, null, null, null, null, null, null, null);
    }
}

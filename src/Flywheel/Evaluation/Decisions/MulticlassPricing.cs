using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// Multiclass decisions priced row by row: a decided class is worth <c>Values[actual][decided]</c>, a reviewed item
/// (decided = −1) <c>Values[actual][actual] − cost</c>. The alternatives are the constant answers, one per class.
/// </summary>
public static class MulticlassPricing
{
    public static PricedRows Price(IReadOnlyList<int> labels, IReadOnlyList<int> decided, MulticlassOutcomeValues v, DecisionOptions options)
    {
        var cost = options.Review?.CostPerItem ?? 0;
        return new PricedRows(Enumerable.Range(0, labels.Count)
            .Select(i => decided[i] < 0 ? v.Values[labels[i]][labels[i]] - cost : v.Values[labels[i]][decided[i]]).ToArray());
    }

    /// <summary><c>always:&lt;class&gt;</c> for every class: the majority class and the most valuable constant answer are among them.</summary>
    public static IReadOnlyList<PricedAlternative> Constant(MulticlassPredictions choice, MulticlassPredictions test, IReadOnlyList<string> classes, MulticlassOutcomeValues v, DecisionOptions options) =>
        Enumerable.Range(0, classes.Count).Select(k => new PricedAlternative($"always:{classes[k]}", $"answer '{classes[k]}' for every item",
            Price(choice.Labels, Enumerable.Repeat(k, choice.Count).ToArray(), v, options),
            Price(test.Labels, Enumerable.Repeat(k, test.Count).ToArray(), v, options))).ToList();

    /// <summary>Counts at the decisions: rows = actual class, columns = decided class, then "review" when a floor exists.</summary>
    public static DecisionMatrix Matrix(string policy, IReadOnlyList<int> labels, IReadOnlyList<int> decided, IReadOnlyList<string> classes, bool withReview)
    {
        var k = classes.Count;
        var counts = Enumerable.Range(0, k).Select(_ => new long[k + 1]).ToArray();
        for (var i = 0; i < labels.Count; i++) counts[labels[i]][decided[i] < 0 ? k : decided[i]]++;
        withReview |= counts.Any(row => row[k] > 0);
        var columns = withReview ? k + 1 : k;
        return new DecisionMatrix(policy, classes, [.. classes, .. withReview ? new[] { "review" } : []],
            counts.Select(row => (IReadOnlyList<long>)row.Take(columns).ToList()).ToList());
    }
}

/// <summary>
/// Regression predictions priced row by row (−cost), and the constant alternatives computed from the training
/// targets: the mean, the median, and the cost-optimal constant — the under/(under + over) quantile of the targets,
/// which minimizes the mean asymmetric cost (the pinball loss's minimizer).
/// </summary>
public static class RegressionPricing
{
    public static PricedRows Price(IReadOnlyList<double> labels, IReadOnlyList<double> predicted, RegressionCosts costs) =>
        new(Enumerable.Range(0, labels.Count).Select(i => -costs.CostOf(labels[i], predicted[i])).ToArray());

    public static IReadOnlyList<PricedAlternative> Constant(IReadOnlyList<double> trainingTargets, IReadOnlyList<double> choiceLabels, IReadOnlyList<double> testLabels, RegressionCosts costs)
    {
        var sorted = trainingTargets.Order().ToArray();
        var tau = costs.UnderPerUnit + costs.OverPerUnit > 0 ? costs.UnderPerUnit / (costs.UnderPerUnit + costs.OverPerUnit) : 0.5;
        var constants = new (string Name, string Description, double Value)[]
        {
            ("constant:mean", "predict the training mean for every item", trainingTargets.Average()),
            ("constant:median", "predict the training median for every item", ValueBootstrap.Percentile(sorted, 0.5)),
            ("constant:cost_optimal", $"predict the training targets' {tau:P0} quantile, the constant with the lowest cost", ValueBootstrap.Percentile(sorted, tau)),
        };
        return constants.Select(c => new PricedAlternative(c.Name, $"{c.Description} ({c.Value:G6})",
            Price(choiceLabels, Enumerable.Repeat(c.Value, choiceLabels.Count).ToArray(), costs),
            Price(testLabels, Enumerable.Repeat(c.Value, testLabels.Count).ToArray(), costs))).ToList();
    }
}

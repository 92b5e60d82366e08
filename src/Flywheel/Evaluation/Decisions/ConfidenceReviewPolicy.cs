using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// Multiclass decisions with a person for the uncertain items: an item whose most probable class has a probability
/// below <see cref="Floor"/> goes to review, every other item gets the model's class. As for binary policies, the
/// reviewer is assumed to decide correctly, so a reviewed item is worth <c>Values[actual][actual] − cost</c>.
/// The floor is chosen on validation rows (<see cref="Optimize"/>) and reported on test rows (<see cref="Evaluate"/>).
/// A floor of 0 sends nothing to review: plain argmax.
/// </summary>
public sealed class ConfidenceReviewPolicy
{
    private ConfidenceReviewPolicy(double floor, MulticlassOutcomeValues values, DecisionOptions options, double? validationValuePerItem)
    {
        Floor = floor;
        Values = values;
        Options = options;
        ValidationValuePerItem = validationValuePerItem;
    }

    public double Floor { get; }
    public MulticlassOutcomeValues Values { get; }
    public DecisionOptions Options { get; }
    public double? ValidationValuePerItem { get; }

    /// <summary>
    /// The floor that maximizes value per item on the validation rows: every cut between two distinct top-class
    /// probabilities is tried (rows sharing a probability are reviewed together). Among equal values the lower
    /// review rate wins. Without <see cref="DecisionOptions.Review"/> the floor is 0.
    /// </summary>
    public static ConfidenceReviewPolicy Optimize(MulticlassPredictions validation, MulticlassOutcomeValues values, DecisionOptions? options = null)
    {
        options ??= DecisionOptions.Default;
        CheckShape(validation, values);
        var n = validation.Count;
        if (options.Review is not { } review)
            return new ConfidenceReviewPolicy(0, values, options, values.Evaluate(validation).ValuePerItem);

        // Rows by confidence, least sure first; reviewing the first k rows gains (reviewed value − automatic value) for each.
        var order = Enumerable.Range(0, n).OrderBy(i => Confidence(validation, i)).ToArray();
        var total = Enumerable.Range(0, n).Sum(i => Automatic(validation, values, i));
        (int Reviewed, double Value) best = (0, total / n);
        var gain = 0.0;
        for (var k = 1; k <= n; k++)
        {
            var row = order[k - 1];
            gain += values.Values[validation.Labels[row]][validation.Labels[row]] - review.CostPerItem - Automatic(validation, values, row);
            if (k < n && Confidence(validation, order[k]) == Confidence(validation, row)) continue; // ties go to review together
            var value = (total + gain) / n;
            if (value > best.Value) best = (k, value);
        }
        var floor = best.Reviewed == 0 ? 0
            : best.Reviewed == n ? Math.BitIncrement(Confidence(validation, order[n - 1]))
            : (Confidence(validation, order[best.Reviewed - 1]) + Confidence(validation, order[best.Reviewed])) / 2;
        return new ConfidenceReviewPolicy(floor, values, options, best.Value);
    }

    /// <summary>A policy with a given floor, e.g. one loaded from a model package.</summary>
    public static ConfidenceReviewPolicy Fixed(double floor, MulticlassOutcomeValues values, DecisionOptions? options = null) =>
        new(floor, values, options ?? DecisionOptions.Default, null);

    /// <summary>The decision rule this policy serves with: the same <see cref="DecisionRule.Decide(IReadOnlyList{double})"/> everywhere.</summary>
    public DecisionRule Rule => DecisionRule.Floor(Floor);

    public bool Reviews(double topProbability) => Rule.Reviews(topProbability);

    /// <summary>The floor as a band on the top class's probability, [0, Floor); null when nothing is reviewed.</summary>
    public ReviewBand? Band => Rule.Band;

    /// <summary>Each row's decided class, −1 where a person decides.</summary>
    public int[] Decide(MulticlassPredictions rows)
    {
        var rule = Rule;
        return Enumerable.Range(0, rows.Count).Select(i => rule.Decide(rows.Probabilities![i]) is var (k, review) && !review ? k : -1).ToArray();
    }

    /// <summary>Prices the policy on labelled rows: value per item and per day, review share, reviewer hours and people.</summary>
    public DecisionReport Evaluate(MulticlassPredictions rows)
    {
        CheckShape(rows, Values);
        var cost = Options.Review?.CostPerItem ?? 0;
        long reviewed = 0;
        var total = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (Reviews(Confidence(rows, i)))
            {
                reviewed++;
                total += Values.Values[rows.Labels[i]][rows.Labels[i]] - cost;
            }
            else total += Automatic(rows, Values, i);
        }
        var perItem = total / rows.Count;
        var reviewRate = (double)reviewed / rows.Count;
        return new DecisionReport("multiclass", Values.Currency, rows.Count, null, Band,
            perItem, perItem * Options.VolumePerDay, 1 - reviewRate, reviewRate,
            Options.ReviewerHoursPerDay(reviewRate), Options.ReviewerPeople(reviewRate), null, null, null,
            Options.Review is null ? null : reviewed, ValidationValuePerItem);
    }

    private static double Confidence(MulticlassPredictions rows, int i) => rows.Probabilities![i][rows.Predicted[i]];

    private static double Automatic(MulticlassPredictions rows, MulticlassOutcomeValues values, int i) => values.Values[rows.Labels[i]][rows.Predicted[i]];

    private static void CheckShape(MulticlassPredictions rows, MulticlassOutcomeValues values)
    {
        if (rows.Probabilities is null) throw new ArgumentException("a review floor needs class probabilities, not only predicted classes");
        if (values.ClassCount != rows.ClassCount || values.Values.Any(row => row.Length != rows.ClassCount))
            throw new ArgumentException($"the value matrix must be {rows.ClassCount}×{rows.ClassCount}, one row and column per class");
    }
}

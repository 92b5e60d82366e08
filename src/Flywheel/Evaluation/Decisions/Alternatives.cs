namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// A way of deciding without the model, priced on the rows the policy is chosen on and on the test rows.
/// Names: <c>act_on_none</c>, <c>act_on_all</c> (binary), <c>always:&lt;class&gt;</c> (multiclass),
/// <c>constant:mean</c>, <c>constant:median</c>, <c>constant:cost_optimal</c> (regression), <c>rule:&lt;step&gt;</c>
/// (a rule step of the plan).
/// </summary>
public sealed record PricedAlternative(string Name, string Description, PricedRows Choice, PricedRows Test);

/// <summary>A non-ML alternative's value per item where the decision was chosen and on test.</summary>
public sealed record AlternativeValue(string Name, string Description, double ValidationValuePerItem, double TestValuePerItem);

/// <summary>
/// The model policy's value over the best alternative (the best on the rows the policy is chosen on), per item and
/// per day on test, with the 90% paired-bootstrap interval of the per-item figure, and per item on the choice rows.
/// Negative when the model does worse than deciding without it.
/// </summary>
public sealed record ValueAdded(string Over, double PerItem, double? PerDay, IReadOnlyList<double> Interval90, double ValidationPerItem);

/// <summary>Outcome counts at a decision: rows = actual class, columns = what was decided (a class, or "review").</summary>
public sealed record DecisionMatrix(string Policy, IReadOnlyList<string> Actual, IReadOnlyList<string> Decided, IReadOnlyList<IReadOnlyList<long>> Counts);

/// <summary>
/// The model's policy judged against the alternatives: which one is chosen (the best on the choice rows: the model
/// unless an alternative beats it there), every alternative's value, the value added and how stable the model's
/// value is (the 90% bootstrap interval of its test value per item).
/// </summary>
public sealed record DecisionComparison(string Policy, IReadOnlyList<AlternativeValue> Alternatives, ValueAdded? ValueAdded, IReadOnlyList<double> ValuePerItemInterval90)
{
    public const string ModelPolicy = "model";

    public static DecisionComparison Compare(PricedRows modelChoice, PricedRows modelTest, IReadOnlyList<PricedAlternative> alternatives, double? volumePerDay, int seed)
    {
        var values = alternatives.Select(a => new AlternativeValue(a.Name, a.Description, a.Choice.ValuePerItem(), a.Test.ValuePerItem())).ToList();
        var modelInterval = ValueBootstrap.Interval90(modelTest, null, seed);
        if (alternatives.Count == 0) return new DecisionComparison(ModelPolicy, values, null, modelInterval);

        // The first listed wins a tie among alternatives; the model must beat the best strictly.
        var best = Enumerable.Range(0, alternatives.Count).Aggregate((b, i) => values[i].ValidationValuePerItem > values[b].ValidationValuePerItem ? i : b);
        var modelOnChoice = modelChoice.ValuePerItem();
        var perItem = modelTest.ValuePerItem() - values[best].TestValuePerItem;
        var added = new ValueAdded(alternatives[best].Name, perItem, perItem * volumePerDay,
            ValueBootstrap.Interval90(modelTest, alternatives[best].Test, seed),
            modelOnChoice - values[best].ValidationValuePerItem);
        var policy = modelOnChoice > values[best].ValidationValuePerItem ? ModelPolicy : alternatives[best].Name;
        return new DecisionComparison(policy, values, added, modelInterval);
    }
}

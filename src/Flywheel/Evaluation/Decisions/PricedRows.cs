namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// What one way of deciding is worth on each of a set of labelled rows, so that any two ways — a model policy, an
/// alternative — can be compared on the same rows and resampled together. Binary rows carry their class: at a
/// deployment base rate π′ the value per item is π′·mean(value | positive) + (1 − π′)·mean(value | negative), the
/// prior-shift formula; without one it is the plain mean (the rows' own rate).
/// </summary>
public sealed class PricedRows
{
    public PricedRows(IReadOnlyList<double> values, IReadOnlyList<bool>? positive = null, double? prevalence = null)
    {
        if (values.Count == 0) throw new ArgumentException("no rows to price");
        if (positive is not null && positive.Count != values.Count)
            throw new ArgumentException($"{values.Count} values but {positive.Count} classes; they must pair up row by row");
        if (prevalence is not null && positive is null)
            throw new ArgumentException("a deployment base rate needs each row's class");
        Values = values.ToArray();
        Positive = positive?.ToArray();
        Prevalence = prevalence;
    }

    public double[] Values { get; }
    public bool[]? Positive { get; }
    public double? Prevalence { get; }
    public int Count => Values.Length;

    /// <summary>Value per item over all rows.</summary>
    public double ValuePerItem() => ValuePerItem(null);

    /// <summary>Value per item over the given rows (indices may repeat: a bootstrap sample); all rows when null.</summary>
    public double ValuePerItem(IReadOnlyList<int>? rows)
    {
        var n = rows?.Count ?? Count;
        if (Prevalence is not { } prevalence)
        {
            var sum = 0.0;
            for (var k = 0; k < n; k++) sum += Values[rows?[k] ?? k];
            return sum / n;
        }
        double positives = 0, negatives = 0, fromPositives = 0, fromNegatives = 0;
        for (var k = 0; k < n; k++)
        {
            var i = rows?[k] ?? k;
            if (Positive![i]) { positives++; fromPositives += Values[i]; }
            else { negatives++; fromNegatives += Values[i]; }
        }
        return OutcomeMix.Weighted(prevalence, (long)positives, (long)negatives, fromPositives, fromNegatives);
    }
}

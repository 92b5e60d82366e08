namespace Flywheel.Evaluation.Metrics;

/// <summary>The four outcome counts of binary predictions at one threshold.</summary>
public readonly record struct BinaryConfusion(long TrueNegative, long FalsePositive, long FalseNegative, long TruePositive)
{
    public long Positives => TruePositive + FalseNegative;
    public long Negatives => TrueNegative + FalsePositive;
    public long Total => Positives + Negatives;

    /// <summary>Counts the outcomes when rows with <c>score &gt;= threshold</c> are predicted positive.</summary>
    public static BinaryConfusion Count(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, double threshold)
    {
        long tn = 0, fp = 0, fn = 0, tp = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var positive = scores[i] >= threshold;
            if (labels[i]) { if (positive) tp++; else fn++; }
            else { if (positive) fp++; else tn++; }
        }
        return new BinaryConfusion(tn, fp, fn, tp);
    }
}

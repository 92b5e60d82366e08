namespace Flywheel.Evaluation.Curves;

/// <summary>
/// Cumulative true and false positives at each distinct score, from the highest score down (scikit-learn's
/// <c>_binary_clf_curve</c>): at <c>Thresholds[k]</c>, rows with <c>score &gt;= Thresholds[k]</c> are positive.
/// </summary>
internal sealed record ThresholdPoints(double[] Thresholds, long[] TruePositives, long[] FalsePositives, long Positives, long Negatives)
{
    public static ThresholdPoints Of(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var order = ScoreOrder.Descending(scores);
        var thresholds = new List<double>();
        var tps = new List<long>();
        var fps = new List<long>();
        long tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            var lastOfItsScore = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (!lastOfItsScore) continue;
            thresholds.Add(scores[order[k]]);
            tps.Add(tp);
            fps.Add(fp);
        }
        return new ThresholdPoints(thresholds.ToArray(), tps.ToArray(), fps.ToArray(), tp, fp);
    }
}

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// Candidate cut points over validation scores, ascending, with the number of positives and negatives strictly below
/// each: the lowest score (everything at or above it), the midpoint between each pair of adjacent distinct scores,
/// and +∞ (nothing at or above it). Midpoints rather than the scores themselves, so that a test score falling
/// between two validation scores is not pushed to one side.
/// </summary>
internal sealed record CutPoints(double[] Cuts, long[] PositivesBelow, long[] NegativesBelow, long Positives, long Negatives)
{
    public int Count => Cuts.Length;

    public static CutPoints Of(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var order = Curves.ScoreOrder.Descending(scores);
        Array.Reverse(order); // ascending; the order among ties does not matter here
        var cuts = new List<double>();
        var positivesBelow = new List<long>();
        var negativesBelow = new List<long>();
        long positives = 0, negatives = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var score = scores[order[k]];
            var firstOfItsScore = k == 0 || scores[order[k - 1]] != score;
            if (firstOfItsScore)
            {
                cuts.Add(k == 0 ? score : Between(scores[order[k - 1]], score));
                positivesBelow.Add(positives);
                negativesBelow.Add(negatives);
            }
            if (labels[order[k]]) positives++; else negatives++;
        }
        cuts.Add(double.PositiveInfinity);
        positivesBelow.Add(positives);
        negativesBelow.Add(negatives);
        return new CutPoints(cuts.ToArray(), positivesBelow.ToArray(), negativesBelow.ToArray(), positives, negatives);
    }

    /// <summary>
    /// At most <paramref name="max"/> cut points at the validation score quantiles: for k = 0..max−1 the first cut
    /// with at least k·n/(max−1) rows below it, so the lowest cut and +∞ are always kept and ties never split.
    /// </summary>
    public CutPoints Thinned(int max)
    {
        if (Count <= max) return this;
        var rows = Positives + Negatives;
        var below = Enumerable.Range(0, Count).Select(i => PositivesBelow[i] + NegativesBelow[i]).ToArray();
        var picked = Enumerable.Range(0, max)
            .Select(k => FirstAtLeast(below, (long)Math.Ceiling((double)k * rows / (max - 1))))
            .Distinct()
            .ToArray();
        return new CutPoints(
            picked.Select(i => Cuts[i]).ToArray(),
            picked.Select(i => PositivesBelow[i]).ToArray(),
            picked.Select(i => NegativesBelow[i]).ToArray(),
            Positives, Negatives);
    }

    /// <summary>The first index whose ascending value is ≥ target (the last index when none is).</summary>
    private static int FirstAtLeast(long[] ascending, long target)
    {
        int low = 0, high = ascending.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ascending[middle] >= target) high = middle; else low = middle + 1;
        }
        return low;
    }

    /// <summary>Counts when scores in [Cuts[lower], Cuts[upper]) are reviewed and scores at or above Cuts[upper] are positive.</summary>
    public BandCounts CountsOf(int lower, int upper) => new(
        Positives - PositivesBelow[upper], PositivesBelow[upper] - PositivesBelow[lower], PositivesBelow[lower],
        Negatives - NegativesBelow[upper], NegativesBelow[upper] - NegativesBelow[lower], NegativesBelow[lower]);

    private static double Between(double below, double above)
    {
        var middle = below + (above - below) / 2;
        return middle > below ? middle : above;
    }
}

namespace Flywheel.Evaluation.Curves;

internal static class ScoreOrder
{
    /// <summary>
    /// Row indexes by score from high to low, tied rows in row order: a primitive-key sort (fast on millions of
    /// rows), then each run of equal scores put back in row order so the result does not depend on the sort.
    /// </summary>
    public static int[] Descending(IReadOnlyList<double> scores)
    {
        var keys = new double[scores.Count];
        var order = new int[scores.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = -scores[i];
            order[i] = i;
        }
        Array.Sort(keys, order);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return order;
    }
}

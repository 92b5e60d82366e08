namespace Flywheel.Data.Splits;

/// <summary>
/// Keeps each class's share in every split within one row of exact, and each split's size within one row of exact.
/// Counts per (class, split) start at the floor of the exact share; the leftover rows are placed by a greedy
/// bipartite fill (classes needing rows → splits needing rows), then each class's rows are shuffled and dealt.
/// </summary>
internal static class StratifiedSplit
{
    public static SplitName[] Assign(IReadOnlyList<string?> labels, SplitFractions fractions, int seed)
    {
        // Classes in ordinal order so the assignment does not depend on which class appears first in the file.
        var classes = labels.Select(Key).Distinct().Order(StringComparer.Ordinal).ToArray();
        var rowsOf = classes.ToDictionary(name => name, _ => new List<int>(), StringComparer.Ordinal);
        for (var row = 0; row < labels.Count; row++) rowsOf[Key(labels[row])].Add(row);

        var counts = Counts(classes.Select(name => rowsOf[name].Count).ToArray(), fractions, labels.Count);
        var random = new SeededRandom(seed);
        var result = new SplitName[labels.Count];
        for (var c = 0; c < classes.Length; c++)
        {
            var rows = rowsOf[classes[c]];
            random.Shuffle(rows);
            RandomSplit.Deal(rows, counts[c], result);
        }
        return result;
    }

    // Missing labels form their own stratum, so they are spread like any class.
    private static string Key(string? label) => label ?? "\0missing";

    /// <summary>counts[class][split]: rows sum to class sizes; columns sum to the split sizes of <paramref name="total"/> rows.</summary>
    internal static int[][] Counts(int[] classSizes, SplitFractions fractions, int total)
    {
        var splits = SplitNames.All.Count;
        var splitSizes = fractions.Allocate(total);
        var counts = new int[classSizes.Length][];
        var remainders = new double[classSizes.Length][];
        var classNeeds = new int[classSizes.Length];
        var splitNeeds = (int[])splitSizes.Clone();
        for (var c = 0; c < classSizes.Length; c++)
        {
            counts[c] = new int[splits];
            remainders[c] = new double[splits];
            classNeeds[c] = classSizes[c];
            for (var s = 0; s < splits; s++)
            {
                var exact = classSizes[c] * fractions[(SplitName)s];
                counts[c][s] = (int)Math.Floor(exact + 1e-9);
                remainders[c][s] = exact - counts[c][s];
                classNeeds[c] -= counts[c][s];
                splitNeeds[s] -= counts[c][s];
            }
        }

        // Classes with most leftover rows first; each leftover row goes to the split that still needs the most rows,
        // preferring the split where the class's exact share was cut most. This is the Gale–Ryser greedy order.
        var order = Enumerable.Range(0, classSizes.Length).OrderByDescending(c => classNeeds[c]).ThenBy(c => c).ToArray();
        foreach (var c in order)
        {
            var targets = Enumerable.Range(0, splits)
                .Where(s => splitNeeds[s] > 0)
                .OrderByDescending(s => splitNeeds[s]).ThenByDescending(s => remainders[c][s]).ThenBy(s => s)
                .Take(classNeeds[c]).ToArray();
            if (targets.Length < classNeeds[c]) return PerClassCounts(classSizes, fractions);
            foreach (var s in targets)
            {
                counts[c][s]++;
                splitNeeds[s]--;
            }
            classNeeds[c] = 0;
        }
        return counts;
    }

    // Fallback that keeps the per-class guarantee and lets split sizes drift by a row or two.
    private static int[][] PerClassCounts(int[] classSizes, SplitFractions fractions) =>
        classSizes.Select(fractions.Allocate).ToArray();
}

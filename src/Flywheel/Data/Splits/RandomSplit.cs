namespace Flywheel.Data.Splits;

/// <summary>Shuffle the row numbers with the seed and cut them by the fractions.</summary>
internal static class RandomSplit
{
    public static SplitName[] Assign(int rowCount, SplitFractions fractions, int seed)
    {
        var rows = Enumerable.Range(0, rowCount).ToArray();
        new SeededRandom(seed).Shuffle(rows);
        var result = new SplitName[rowCount];
        Deal(rows, fractions.Allocate(rowCount), result);
        return result;
    }

    /// <summary>Gives the first counts[0] of <paramref name="rows"/> to train, the next counts[1] to validation, the rest to test.</summary>
    internal static void Deal(IReadOnlyList<int> rows, int[] counts, SplitName[] result)
    {
        var position = 0;
        foreach (var split in SplitNames.All)
        {
            for (var k = 0; k < counts[(int)split]; k++)
                result[rows[position++]] = split;
        }
    }
}

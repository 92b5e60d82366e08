namespace Flywheel.Data.Splits;

/// <summary>
/// Deals whole blocks of rows (a group, or all rows sharing a timestamp) in a given order: a block goes to the split
/// whose share of the rows contains the block's middle row. Blocks are never cut.
/// </summary>
internal static class BlockSplit
{
    public static SplitName[] Assign(int rowCount, IReadOnlyList<IReadOnlyList<int>> orderedBlocks, SplitFractions fractions)
    {
        var trainEnd = rowCount * fractions.Train;
        var validationEnd = rowCount * (fractions.Train + fractions.Validation);
        var result = new SplitName[rowCount];
        var start = 0;
        foreach (var block in orderedBlocks)
        {
            var middle = start + block.Count / 2.0;
            var split = middle <= trainEnd ? SplitName.Train : middle <= validationEnd ? SplitName.Validation : SplitName.Test;
            foreach (var row in block) result[row] = split;
            start += block.Count;
        }
        return result;
    }
}

/// <summary>Groups in an order shuffled by the seed (starting from ordinal order, so file order does not matter).</summary>
internal static class GroupedSplit
{
    public static SplitName[] Assign(IReadOnlyList<string?> groups, SplitFractions fractions, int seed)
    {
        var rowsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var row = 0; row < groups.Count; row++)
        {
            var key = groups[row] ?? "\0missing";
            if (!rowsOf.TryGetValue(key, out var rows)) rowsOf[key] = rows = [];
            rows.Add(row);
        }
        var blocks = rowsOf.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (IReadOnlyList<int>)pair.Value).ToList();
        new SeededRandom(seed).Shuffle(blocks);
        return BlockSplit.Assign(groups.Count, blocks, fractions);
    }
}

/// <summary>
/// Rows ordered by time; rows sharing a timestamp are one block, so a tie never straddles two splits and no
/// training row is later than any validation or test row.
/// </summary>
internal static class TimeOrderedSplit
{
    public static SplitName[] Assign(IReadOnlyList<DateTime> times, SplitFractions fractions)
    {
        var blocks = Enumerable.Range(0, times.Count)
            .GroupBy(row => times[row].Ticks)
            .OrderBy(group => group.Key)
            .Select(group => (IReadOnlyList<int>)group.ToList())
            .ToList();
        return BlockSplit.Assign(times.Count, blocks, fractions);
    }
}

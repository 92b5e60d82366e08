using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// Row counts per distinct key combination for many key sets in one scan and one hash aggregate: each row is
/// unnested into one (set, key₁, key₂) record per set, then grouped once. Far cheaper than one GROUP BY (or one
/// grouping set) per set when there are hundreds of sets, as with all pairs of categorical columns.
/// Rows where a key of the set is NULL are not counted for that set.
/// </summary>
internal static class GroupCounts
{
    // Bounds the records one row expands to, so memory per scan stays flat however many sets there are.
    private const int SetsPerQuery = 400;

    // On many rows the records the unnest creates cost more than one scan with GROUPING SETS (one hash table per set,
    // about half the time of one GROUP BY query per set); below, the per-set hash tables dominate.
    private const long ManyRows = 200_000;

    /// <param name="sets">Each set is one or two SQL key expressions.</param>
    public static List<List<GroupingSets.Group>> Run(DataSource source, IReadOnlyList<IReadOnlyList<string>> sets)
    {
        if (sets.Any(set => set.Count is < 1 or > 2)) throw new ArgumentException("each key set has one or two keys", nameof(sets));
        if (source.RowCount >= ManyRows) return GroupingSets.Run(source, sets, ["count(*)"]);
        var results = sets.Select(_ => new List<GroupingSets.Group>()).ToList();
        for (var start = 0; start < sets.Count; start += SetsPerQuery)
        {
            var batch = Enumerable.Range(start, Math.Min(SetsPerQuery, sets.Count - start)).ToList();
            var records = batch.Select(index =>
            {
                var set = sets[index];
                var second = set.Count == 2 ? $"CAST({set[1]} AS VARCHAR)" : "''";
                return $"{{'p': {index}, 'a': CAST({set[0]} AS VARCHAR), 'b': {second}}}";
            });
            var sql = $"SELECT s.p, s.a, s.b, count(*) FROM (SELECT unnest([{string.Join(", ", records)}]) AS s FROM {DataSource.Relation}) " +
                      "WHERE s.a IS NOT NULL AND s.b IS NOT NULL GROUP BY ALL";
            source.Query(sql, reader =>
            {
                var index = (int)SqlValues.Long(reader, 0);
                var keys = sets[index].Count == 2 ? new[] { reader.GetString(1), reader.GetString(2) } : [reader.GetString(1)];
                results[index].Add(new GroupingSets.Group(keys, [SqlValues.Double(reader, 3)]));
                return 0;
            });
        }
        return results;
    }
}

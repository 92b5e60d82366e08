using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// Many GROUP BYs in one scan: DuckDB's GROUPING SETS computes the groups of every key set at once, and
/// <c>grouping()</c> tells which set a result row belongs to. Rows where a key of their set is NULL are left out,
/// so every count is over rows where the keys are present.
/// </summary>
internal static class GroupingSets
{
    // grouping() returns a bit mask over its arguments; stay well inside a 64-bit integer.
    private const int MaxKeysPerQuery = 60;

    public sealed record Group(IReadOnlyList<string> Keys, IReadOnlyList<double?> Values);

    /// <param name="sets">Each set is a list of SQL key expressions (cast to VARCHAR in the result).</param>
    /// <param name="aggregates">Aggregates computed for every group of every set.</param>
    /// <returns>For each set, its groups.</returns>
    public static List<List<Group>> Run(DataSource source, IReadOnlyList<IReadOnlyList<string>> sets, IReadOnlyList<string> aggregates)
    {
        var results = sets.Select(_ => new List<Group>()).ToList();
        foreach (var batch in Batches(sets))
            RunBatch(source, sets, batch, aggregates, results);
        return results;
    }

    /// <summary>Splits the sets so each query uses at most <see cref="MaxKeysPerQuery"/> distinct key expressions.</summary>
    private static IEnumerable<List<int>> Batches(IReadOnlyList<IReadOnlyList<string>> sets)
    {
        var batch = new List<int>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sets.Count; i++)
        {
            var added = sets[i].Where(key => !keys.Contains(key)).Distinct().Count();
            if (batch.Count > 0 && keys.Count + added > MaxKeysPerQuery)
            {
                yield return batch;
                batch = [];
                keys.Clear();
            }
            batch.Add(i);
            keys.UnionWith(sets[i]);
        }
        if (batch.Count > 0) yield return batch;
    }

    private static void RunBatch(DataSource source, IReadOnlyList<IReadOnlyList<string>> sets, List<int> batch, IReadOnlyList<string> aggregates, List<List<Group>> results)
    {
        var keys = batch.SelectMany(index => sets[index]).Distinct().ToList();
        var alias = keys.Select((key, i) => (key, name: $"__k{i}")).ToDictionary(pair => pair.key, pair => pair.name);
        var aliases = keys.Select(key => alias[key]).ToList();
        var distinctSets = batch.GroupBy(index => string.Join("\u0001", sets[index].Order(StringComparer.Ordinal))).Select(group => group.First());
        var groupingSets = distinctSets.Select(index => "(" + string.Join(", ", sets[index].Select(key => alias[key])) + ")");
        // Bit i (from the left) of grouping() is 0 when key i is grouped in the row's set.
        var setsOf = batch.ToLookup(
            index => keys.Select((key, i) => sets[index].Contains(key) ? 0L : 1L << (keys.Count - 1 - i)).Sum());
        var inner = string.Join(", ", keys.Select(key => $"CAST({key} AS VARCHAR) AS {alias[key]}"));
        var sql = $"SELECT grouping({string.Join(", ", aliases)}), {string.Join(", ", aliases)}{string.Concat(aggregates.Select(aggregate => ", " + aggregate))} " +
                  $"FROM (SELECT *, {inner} FROM {DataSource.Relation}) GROUP BY GROUPING SETS ({string.Join(", ", groupingSets)})";
        source.Query(sql, reader =>
        {
            List<double?>? aggregated = null;
            foreach (var set in setsOf[SqlValues.Long(reader, 0)])
            {
                var values = new string[sets[set].Count];
                for (var k = 0; k < values.Length; k++)
                {
                    var position = 1 + keys.IndexOf(sets[set][k]);
                    if (reader.IsDBNull(position)) return 0;
                    values[k] = reader.GetString(position);
                }
                aggregated ??= Enumerable.Range(0, aggregates.Count).Select(a => SqlValues.Double(reader, 1 + keys.Count + a)).ToList();
                results[set].Add(new Group(values, aggregated));
            }
            return 0;
        });
    }
}

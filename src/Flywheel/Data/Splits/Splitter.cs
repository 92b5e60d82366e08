namespace Flywheel.Data.Splits;

/// <summary>The way in: assign every row to train, validation or test according to <see cref="SplitSettings"/>.</summary>
public static class Splitter
{
    /// <summary>
    /// Deterministic for given settings and keys (single-threaded, own generator). <paramref name="dataFingerprint"/>
    /// identifies the data (for example the source file's SHA-256) and goes into the assignment's fingerprint.
    /// </summary>
    public static SplitAssignment Assign(SplitSettings settings, SplitKeys keys, string dataFingerprint, string? file = null)
    {
        settings.Fractions.Validate(file);
        var rows = settings.Strategy switch
        {
            SplitStrategy.Random => RandomSplit.Assign(keys.RowCount, settings.Fractions, settings.Seed),
            SplitStrategy.Stratified => StratifiedSplit.Assign(Require(keys.Labels, keys, settings), settings.Fractions, settings.Seed),
            SplitStrategy.Grouped => GroupedSplit.Assign(Require(keys.Groups, keys, settings), settings.Fractions, settings.Seed),
            SplitStrategy.TimeOrdered => TimeOrderedSplit.Assign(Require(keys.Times, keys, settings), settings.Fractions),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Strategy, null),
        };
        return new SplitAssignment(settings, rows, dataFingerprint);
    }

    private static IReadOnlyList<T> Require<T>(IReadOnlyList<T>? values, SplitKeys keys, SplitSettings settings)
    {
        if (values is null)
            throw new ArgumentException($"a {settings.Strategy} split needs per-row values of column '{settings.Column}'", nameof(keys));
        if (values.Count != keys.RowCount)
            throw new ArgumentException($"{values.Count} key values for {keys.RowCount} rows", nameof(keys));
        return values;
    }
}

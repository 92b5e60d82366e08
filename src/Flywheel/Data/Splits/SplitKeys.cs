namespace Flywheel.Data.Splits;

/// <summary>
/// The per-row values a strategy needs, already in memory: one entry per data row, in file order. Only the list the
/// strategy uses must be present (labels for stratified, groups for grouped, times for time-ordered).
/// </summary>
public sealed record SplitKeys(int RowCount, IReadOnlyList<string?>? Labels = null, IReadOnlyList<string?>? Groups = null, IReadOnlyList<DateTime>? Times = null)
{
    public static SplitKeys ForRows(int rowCount) => new(rowCount);
}

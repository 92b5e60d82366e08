namespace Flywheel.Data.Sources;

/// <summary>
/// Column names for an error message, without echoing what a file that is not a table holds: a header read from
/// <c>/etc/shadow</c> is one long "column" of secrets. Names are listed only when the file has at least two columns,
/// at most <see cref="MaxNames"/> of them, each cut at <see cref="MaxNameLength"/> characters.
/// </summary>
public static class ColumnList
{
    public const int MaxNames = 20;
    public const int MaxNameLength = 40;

    /// <summary>"; the columns are: a, b, c" — or a count when the names are not fit to show.</summary>
    public static string Describe(IReadOnlyCollection<string> names)
    {
        if (names.Count < 2) return $"; the file has {names.Count} column (is it a CSV with a header row and the right delimiter?)";
        var shown = names.Take(MaxNames).Select(Clip);
        var more = names.Count > MaxNames ? $" and {names.Count - MaxNames:N0} more" : "";
        return $"; the columns are: {string.Join(", ", shown)}{more}";
    }

    private static string Clip(string name)
    {
        var printable = new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length <= MaxNameLength ? printable : printable[..MaxNameLength] + "…";
    }
}

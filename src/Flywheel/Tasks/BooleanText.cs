namespace Flywheel.Tasks;

/// <summary>
/// One spelling for boolean values: DuckDB reads a yes/no column as BOOLEAN (so training sees "true"/"false"), while
/// a serving request may say "Yes" or "1". Both sides map through the same words, in .NET and in the ML.NET chain.
/// </summary>
public static class BooleanText
{
    private static readonly string[] TrueWords = ["true", "yes", "y", "t", "1"];
    private static readonly string[] FalseWords = ["false", "no", "n", "f", "0"];

    public static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant();
        return TrueWords.Contains(lower) ? "true" : FalseWords.Contains(lower) ? "false" : text;
    }

    /// <summary>The same mapping as an ML.NET Expression over a text column.</summary>
    public static string Expression { get; } =
        $"s => {Any(TrueWords)} ? \"true\" : {Any(FalseWords)} ? \"false\" : s";

    private static string Any(IEnumerable<string> words) => string.Join(" || ", words.Select(word => $"lower(s) == \"{word}\""));
}

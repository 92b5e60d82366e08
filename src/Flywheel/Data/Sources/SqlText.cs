namespace Flywheel.Data.Sources;

/// <summary>Quoting for names and literals spliced into DuckDB SQL (table functions take no parameters for paths).</summary>
public static class SqlText
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

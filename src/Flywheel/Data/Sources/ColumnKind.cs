namespace Flywheel.Data.Sources;

/// <summary>What a column holds, as far as analysis is concerned (not its storage type).</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
    Boolean,
    Date,
    Text,
}

/// <summary>A column of a source: its name, what it holds and the DuckDB type it is read as.</summary>
public sealed record SourceColumn(string Name, ColumnKind Kind, string SqlType)
{
    /// <summary>The column name quoted for use in DuckDB SQL.</summary>
    public string Sql => SqlText.Identifier(Name);
}

public static class ColumnKinds
{
    public static string Name(this ColumnKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out ColumnKind kind)
    {
        foreach (var candidate in Enum.GetValues<ColumnKind>())
        {
            if (string.Equals(candidate.Name(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>The DuckDB type a declared kind is read as.</summary>
    public static string SqlTypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "DOUBLE",
        ColumnKind.Boolean => "BOOLEAN",
        ColumnKind.Date => "TIMESTAMP",
        _ => "VARCHAR",
    };

    public static bool IsIntegerType(string sqlType) =>
        sqlType.ToUpperInvariant() is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT";

    /// <summary>The kind a DuckDB storage type suggests before looking at values (strings are refined later).</summary>
    public static ColumnKind FromSqlType(string sqlType)
    {
        var type = sqlType.ToUpperInvariant();
        if (type is "BOOLEAN") return ColumnKind.Boolean;
        if (type.StartsWith("DATE", StringComparison.Ordinal) || type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || type is "TIME") return ColumnKind.Date;
        if (type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT"
            or "FLOAT" or "DOUBLE" or "REAL" || type.StartsWith("DECIMAL", StringComparison.Ordinal))
            return ColumnKind.Numeric;
        return ColumnKind.Categorical;
    }
}

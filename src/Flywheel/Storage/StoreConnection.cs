namespace Flywheel.Storage;

public enum StoreProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Which metadata database to use, parsed from one string so the CLI, the server and tests pick a store the same way:
/// <c>sqlite:PATH</c> for an embedded SQLite file, or an Npgsql connection string (<c>Host=...;Database=...</c>) for PostgreSQL.
/// </summary>
public sealed record StoreConnection(StoreProvider Provider, string ConnectionString)
{
    public const string EnvironmentVariable = "FLYWHEEL_STORE";

    /// <summary>Folder inside a use case that holds its embedded store and artifacts.</summary>
    public const string StoreFolderName = ".flywheel";

    /// <summary>The embedded SQLite store's file inside <see cref="StoreFolderName"/>.</summary>
    public const string SqliteFileName = "flywheel.db";

    public static StoreConnection Parse(string spec)
    {
        var text = spec.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.Length == 0) throw new InputException("store 'sqlite:' needs a file path, as in sqlite:.flywheel/flywheel.db", EnvironmentVariable);
            return Sqlite(path);
        }
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new StoreConnection(StoreProvider.PostgreSql, text);
        throw new InputException(
            $"store '{spec}' is neither 'sqlite:PATH' nor a PostgreSQL connection string ('Host=...;Database=...')", EnvironmentVariable);
    }

    public static StoreConnection Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        return new StoreConnection(StoreProvider.Sqlite, $"Data Source={full}");
    }

    /// <summary>
    /// The store for a use case: <paramref name="spec"/> if given (the <c>--store</c> option, or whatever the host
    /// read from FLYWHEEL_STORE), else SQLite at <c>&lt;useCase&gt;/.flywheel/flywheel.db</c>.
    /// </summary>
    public static StoreConnection ForUseCase(string useCaseDirectory, string? spec = null) =>
        string.IsNullOrWhiteSpace(spec)
            ? Sqlite(Path.Combine(useCaseDirectory, StoreFolderName, SqliteFileName))
            : Parse(spec);

    /// <summary>Where the connection points, without credentials: for messages and <c>--json</c> output.</summary>
    public string Describe() => Provider switch
    {
        StoreProvider.Sqlite => "sqlite:" + ConnectionString["Data Source=".Length..],
        _ => "postgresql:" + string.Join(";", ConnectionString.Split(';')
            .Where(part => !part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase))),
    };
}

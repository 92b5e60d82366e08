using Flywheel.Storage;
using Npgsql;

namespace Flywheel.Tests.Storage;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// The stores every contract test runs against: SQLite always; PostgreSQL too when FLYWHEEL_TEST_POSTGRES holds a
/// connection string (see <see cref="PostgresAvailability"/> for the visible skip when it does not).
/// </summary>
public static class StoreKinds
{
    public const string PostgresVariable = "FLYWHEEL_TEST_POSTGRES";

    public static TheoryData<string> All
    {
        get
        {
            var kinds = new TheoryData<string> { "sqlite" };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))) kinds.Add("postgresql");
            return kinds;
        }
    }
}

/// <summary>A fresh, empty store of one kind in a temporary place, removed on dispose.</summary>
internal sealed class TestStore : IDisposable
{
    private readonly string _folder;
    private readonly string? _postgresDatabase;

    public TestStore(string kind)
    {
        _folder = Directory.CreateTempSubdirectory("flywheel-store-").FullName;
        Clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        StoreConnection connection;
        if (kind == "postgresql")
        {
            var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(StoreKinds.PostgresVariable))
            {
                Database = $"flywheel_test_{Guid.NewGuid():N}",
            };
            _postgresDatabase = builder.ConnectionString;
            connection = new StoreConnection(StoreProvider.PostgreSql, builder.ConnectionString);
        }
        else
        {
            connection = StoreConnection.Sqlite(Path.Combine(_folder, "flywheel.db"));
        }
        Store = MetadataStore.Open(connection, Path.Combine(_folder, "artifacts"), Clock);
    }

    public MetadataStore Store { get; }
    public ManualClock Clock { get; }
    public string Folder => _folder;

    public void Dispose()
    {
        if (_postgresDatabase is not null) DropPostgresDatabase(_postgresDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static void DropPostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database;
        builder.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}

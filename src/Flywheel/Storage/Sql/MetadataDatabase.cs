using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Flywheel.Storage.Sql;

/// <summary>
/// Opens the metadata database a <see cref="StoreConnection"/> names and brings its schema up to date with the
/// provider's migrations. A store made before migrations existed (tables, no <c>__EFMigrationsHistory</c>) is
/// recognised by its tables and given the baseline migration as applied, so only the later ones run on it.
/// </summary>
internal sealed class MetadataDatabase
{
    /// <summary>The migration that matches the schema EnsureCreated used to make.</summary>
    public const string BaselineMigration = "Initial";

    private readonly Func<FlywheelDbContext> _create;

    private MetadataDatabase(Func<FlywheelDbContext> create) => _create = create;

    public static MetadataDatabase Open(StoreConnection connection)
    {
        MetadataDatabase database;
        switch (connection.Provider)
        {
            case StoreProvider.Sqlite:
                var file = connection.ConnectionString["Data Source=".Length..];
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                var sqlite = new DbContextOptionsBuilder<SqliteFlywheelContext>().UseSqlite(connection.ConnectionString).Options;
                database = new MetadataDatabase(() => new SqliteFlywheelContext(sqlite));
                break;
            default:
                var postgres = new DbContextOptionsBuilder<PostgreSqlFlywheelContext>().UseNpgsql(connection.ConnectionString).Options;
                database = new MetadataDatabase(() => new PostgreSqlFlywheelContext(postgres));
                break;
        }
        try
        {
            database.Migrate();
        }
        catch (Exception error) when (error is not FlywheelException)
        {
            throw new InputException($"cannot open the metadata store {connection.Describe()}: {error.Message}", "store", inner: error);
        }
        return database;
    }

    public FlywheelDbContext CreateContext() => _create();

    private void Migrate()
    {
        using var context = CreateContext();
        var database = context.Database;
        if (database.CanConnect() && !HasHistory(context) && HasLegacyTables(context))
        {
            var history = database.GetService<IHistoryRepository>();
            var baseline = database.GetService<IMigrationsAssembly>().Migrations.Keys.Single(id => id.EndsWith("_" + BaselineMigration, StringComparison.Ordinal));
            database.ExecuteSqlRaw(history.GetCreateIfNotExistsScript());
            database.ExecuteSqlRaw(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())));
        }
        // Two processes opening a new store at once: PostgreSQL takes a lock in Migrate (EF 9+), SQLite serialises writers.
        database.Migrate();
    }

    private static bool HasHistory(FlywheelDbContext context) => TableExists(context, HistoryRepository.DefaultTableName);

    private static bool HasLegacyTables(FlywheelDbContext context) => TableExists(context, "model_versions") && TableExists(context, "runs");

    private static bool TableExists(FlywheelDbContext context, string table)
    {
        var sql = context.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}";
        return context.Database.SqlQueryRaw<int>(sql, table).AsEnumerable().First() > 0;
    }

    /// <summary>The artifacts the store's rows name (registered versions' packages, recorded production datasets): those a crash clean-up must never remove.</summary>
    public HashSet<string> RegisteredArtifactIds()
    {
        using var context = CreateContext();
        var ids = context.ModelVersions.Select(v => v.PackageId).Distinct().ToHashSet(StringComparer.Ordinal);
        ids.UnionWith(context.ProductionDatasets.Select(d => d.ArtifactId).Distinct());
        return ids;
    }
}

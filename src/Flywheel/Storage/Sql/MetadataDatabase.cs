using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>Opens the metadata database a <see cref="StoreConnection"/> names and creates its tables if missing.</summary>
internal sealed class MetadataDatabase
{
    private readonly DbContextOptions<FlywheelDbContext> _options;

    private MetadataDatabase(DbContextOptions<FlywheelDbContext> options) => _options = options;

    public static MetadataDatabase Open(StoreConnection connection)
    {
        var builder = new DbContextOptionsBuilder<FlywheelDbContext>();
        switch (connection.Provider)
        {
            case StoreProvider.Sqlite:
                var file = connection.ConnectionString["Data Source=".Length..];
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                builder.UseSqlite(connection.ConnectionString);
                break;
            case StoreProvider.PostgreSql:
                builder.UseNpgsql(connection.ConnectionString);
                break;
        }
        var database = new MetadataDatabase(builder.Options);
        using var context = database.CreateContext();
        try
        {
            context.Database.EnsureCreated();
        }
        catch (Exception error) when (error is not InputException)
        {
            throw new InputException($"cannot open the metadata store {connection.Describe()}: {error.Message}", StoreConnection.EnvironmentVariable, inner: error);
        }
        return database;
    }

    public FlywheelDbContext CreateContext() => new(_options);
}

using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace Flywheel.Server.Jobs;

/// <summary>
/// Hangfire's storage for a server: PostgreSQL (schema <c>hangfire</c> of the store's database) when the store is
/// PostgreSQL, so any number of <c>flywheel worker</c> processes share the queue; else durable SQLite in
/// <c>&lt;state folder&gt;/jobs.db</c>.
/// </summary>
public static class JobStorageFactory
{
    public const string PostgreSqlSchema = "hangfire";
    public const string SqliteFile = "jobs.db";

    public static JobStorage Create(ServerOptions server, JobsOptions jobs)
    {
        if (server.Store is { } connection && Flywheel.Storage.StoreConnection.ForUseCase(server.StateFolder, connection).Provider == Flywheel.Storage.StoreProvider.PostgreSql)
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = PostgreSqlSchema,
                InvisibilityTimeout = jobs.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
                QueuePollInterval = jobs.QueuePollInterval,
                PrepareSchemaIfNecessary = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, options), options);
        }
        Directory.CreateDirectory(server.StateFolder);
        return new SQLiteStorage(Path.Combine(server.StateFolder, SqliteFile), new SQLiteStorageOptions
        {
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            QueuePollInterval = jobs.QueuePollInterval,
        });
    }
}

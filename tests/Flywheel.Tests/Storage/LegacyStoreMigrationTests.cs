using Flywheel.Registry;
using Flywheel.Storage;
using Npgsql;

namespace Flywheel.Tests.Storage;

/// <summary>
/// Stores written by the EnsureCreated schema before migrations existed (Fixtures/legacy: two penguins versions with
/// absolute package paths of the machine that trained them, @candidate and @production moved 1 → 2, @staging set and
/// removed, two completed runs) are recognised, upgraded on open, and keep every row.
/// </summary>
public class LegacyStoreMigrationTests
{
    private const string V1 = "1f954881eca39be6f720f8ae59758bec4266bba5822d4f36ae2a63cf2dccb3fb";
    private const string V2 = "1e244b67657663578a20ec692beaa8ddc867b1f812304926141a3bb85bfbc226";

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "legacy", name);

    [Fact]
    public async Task A_sqlite_store_from_before_migrations_is_upgraded_without_losing_a_row()
    {
        var folder = Directory.CreateTempSubdirectory("flywheel-legacy-").FullName;
        try
        {
            File.Copy(Fixture("flywheel.db"), Path.Combine(folder, "flywheel.db"));
            CopyArtifacts(Path.Combine(folder, "artifacts"));
            var connection = StoreConnection.Sqlite(Path.Combine(folder, "flywheel.db"));

            await AssertUpgradedAsync(MetadataStore.Open(connection, Path.Combine(folder, "artifacts")));
            // Opening again applies nothing twice.
            await AssertUpgradedAsync(MetadataStore.Open(connection, Path.Combine(folder, "artifacts")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_postgresql_store_from_before_migrations_is_upgraded_without_losing_a_row()
    {
        var server = Environment.GetEnvironmentVariable(StoreKinds.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server)) return; // PostgresAvailabilityTests reports the skip.
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = $"flywheel_legacy_{Guid.NewGuid():N}" };
        var folder = Directory.CreateTempSubdirectory("flywheel-legacy-pg-").FullName;
        try
        {
            await RunSqlAsync(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString, $"CREATE DATABASE \"{builder.Database}\"");
            await RunSqlAsync(builder.ConnectionString, await File.ReadAllTextAsync(Fixture("postgres.sql")));
            CopyArtifacts(Path.Combine(folder, "artifacts"));
            var connection = new StoreConnection(StoreProvider.PostgreSql, builder.ConnectionString);

            await AssertUpgradedAsync(MetadataStore.Open(connection, Path.Combine(folder, "artifacts")), withStaging: false);
            await AssertUpgradedAsync(MetadataStore.Open(connection, Path.Combine(folder, "artifacts")), withStaging: false);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await RunSqlAsync(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString, $"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)");
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertUpgradedAsync(MetadataStore store, bool withStaging = true)
    {
        var versions = await store.Models.ListVersionsAsync("penguins");
        Assert.Equal([(1, V1), (2, V2)], versions.Select(v => (v.Version, v.PackageId)));
        // The absolute paths of the training machine became ids relative to the artifact root.
        Assert.All(versions, v => Assert.Equal(v.PackageId, v.PackagePath));
        Assert.Equal([new ModelAlias("penguins", "candidate", 2), new ModelAlias("penguins", "production", 2)], await store.Models.ListAliasesAsync("penguins"));

        var history = await store.Models.AliasHistoryAsync("penguins");
        var expected = withStaging
            ? new[] { "candidate Assigned →1", "candidate Moved 1→2", "production Assigned →1", "production Moved 1→2", "staging Assigned →1", "staging Removed 1→" }
            : ["candidate Assigned →1", "candidate Moved 1→2", "production Assigned →1", "production Moved 1→2"];
        Assert.Equal(expected, history.Select(e => $"{e.Alias} {e.Transition} {e.FromVersion}→{e.ToVersion}"));

        var runs = await store.Runs.ListRunsAsync("penguins");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Finished, r.Status));
        Assert.Equal(versions.Select(v => v.RunId).Order(), runs.Select(r => (Guid?)r.Id).Order());
        foreach (var run in runs) Assert.Single(await store.Runs.ListTrialsAsync(run.Id));

        // The audit trail starts with what the store already knew: 2 registrations and every alias change.
        var audit = await store.AuditTrailAsync("model:penguins");
        Assert.Equal(2 + expected.Length, audit.Count);
        Assert.Equal(2, audit.Count(e => e.Action == "model.register"));
        Assert.Contains(audit, e => e.Action == "alias.move" && e.DetailsJson.Contains("\"alias\":\"production\",\"from\":1,\"to\":2", StringComparison.Ordinal));

        // And the package resolves here, although the row once named a folder under /tmp/store-fixture.
        var production = await new ModelCatalog(store).ResolveAsync("penguins@production");
        Assert.Equal(V2, production.Package.Id);
        Assert.StartsWith(store.Artifacts.Root, production.Package.Path);
    }

    private static void CopyArtifacts(string target)
    {
        foreach (var file in Directory.GetFiles(Fixture("artifacts"), "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Fixture("artifacts"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static async Task RunSqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

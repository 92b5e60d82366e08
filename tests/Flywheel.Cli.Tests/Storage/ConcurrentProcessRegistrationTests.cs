using System.Text.Json;
using Flywheel.Registry;
using Flywheel.Storage;

namespace Flywheel.Cli.Tests.Storage;

/// <summary>Several OS processes register packages into one store at the same moment: versions 1..N, no gaps, no duplicates.</summary>
public sealed class ConcurrentProcessRegistrationTests : IDisposable
{
    private const int Processes = 5;
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-concurrent-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    public static TheoryData<string> Stores
    {
        get
        {
            var kinds = new TheoryData<string> { "sqlite" };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("FLYWHEEL_TEST_POSTGRES"))) kinds.Add("postgresql");
            return kinds;
        }
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Concurrent_registering_processes_get_versions_one_to_n(string kind)
    {
        var useCase = Path.Combine(_root, "use-case");
        Directory.CreateDirectory(useCase);
        File.WriteAllText(Path.Combine(useCase, "flywheel.yaml"), "name: churn\nstatement: As a subscriber about to leave, I get an offer that keeps me.\n");
        string? database = null;
        var store = $"sqlite:{Path.Combine(useCase, ".flywheel", "flywheel.db")}";
        if (kind == "postgresql")
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("FLYWHEEL_TEST_POSTGRES")) { Database = $"flywheel_procs_{Guid.NewGuid():N}" };
            (database, store) = (builder.Database, builder.ConnectionString);
        }
        try
        {
            // Create the schema once first: the race under test is registration, not migration.
            MetadataStore.ForUseCase(useCase, store);
            var packages = Enumerable.Range(0, Processes)
                .Select(i => ModelPackageWriter.Write(Content($"weights-{i}"), Path.Combine(_root, "outside")).Path).ToList();

            var running = packages.Select(package => StoreProcess.Start(useCase, null, "models", "register", package, "--dir", useCase, "--store", store, "--json")).ToList();
            var outcomes = running.Select(process =>
            {
                var stdout = process.StandardOutput.ReadToEnd();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, stdout, stderr);
            }).ToList();

            Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.stderr));
            var versions = outcomes.Select(o => JsonDocument.Parse(o.stdout).RootElement.GetProperty("version").GetInt32()).Order().ToList();
            Assert.Equal(Enumerable.Range(1, Processes), versions);
            var registered = await MetadataStore.ForUseCase(useCase, store).Models.ListVersionsAsync("churn");
            Assert.Equal(Enumerable.Range(1, Processes), registered.Select(v => v.Version));
            Assert.Equal(Processes, registered.Select(v => v.PackageId).Distinct().Count());
        }
        finally
        {
            if (database is not null) DropDatabase(database);
        }
    }

    private static ModelPackageContent Content(string weights)
    {
        using var memory = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("Model.key").Open());
            writer.Write(weights);
        }
        return new ModelPackageContent
        {
            ModelName = "churn",
            Task = "binary",
            Trainer = "FastTree",
            ModelZip = memory.ToArray(),
            InputSchema = [new InputColumn("tenure", "Single", "feature")],
            Metrics = JsonSerializer.SerializeToElement(new { auc = 0.8 }),
            TrainingDataFingerprint = "sha256:abc",
        };
    }

    private static void DropDatabase(string database)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("FLYWHEEL_TEST_POSTGRES")) { Database = "postgres" };
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}

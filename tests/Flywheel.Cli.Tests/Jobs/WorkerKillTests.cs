using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Flywheel.Serving;
using Flywheel.Server;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Flywheel.Cli.Tests.Jobs;

/// <summary>
/// One server and two <c>flywheel worker</c> processes on PostgreSQL: a worker SIGKILLed mid-job leaves its job to the
/// other, and every job ends succeeded with each row written exactly once.
/// </summary>
public sealed class WorkerKillTests(ITestOutputHelper output) : IDisposable
{
    private const string Variable = "FLYWHEEL_TEST_POSTGRES";
    private const string AdminSecret = "fw_killtest000000_0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
    private const int Rows = 100_000, Jobs = 3;
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-worker-kill-").FullName;
    private readonly List<Process> _workers = [];
    private string? _database;

    [SkippableWithoutPostgresFact]
    public async Task A_worker_killed_mid_job_leaves_it_to_the_other_and_every_row_is_written_once()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable)) { Database = $"flywheel_test_jobs_{Guid.NewGuid():N}" };
        (_database, var store) = (builder.Database, builder.ConnectionString);
        var folder = Path.Combine(_root, "churn");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.Copy(CliProcess.Repo("samples/churn/flywheel.yaml"), Path.Combine(folder, "flywheel.yaml"));
        File.Copy(CliProcess.Repo("samples/churn/data/mlc_churn.csv"), Path.Combine(folder, "data/mlc_churn.csv"));
        var total = Stopwatch.StartNew();
        var useCase = UseCaseLoader.Load(folder);
        TrainWorkflow.Run(useCase, new TrainRequest(Budget: TimeSpan.FromMinutes(5), MaxTrials: 1, Importance: false, Store: store));
        output.WriteLine($"trained in {total.Elapsed.TotalSeconds:0.0} s");
        var input = Repeat(Path.Combine(folder, "data/mlc_churn.csv"), Path.Combine(folder, "data/big.csv"), Rows);

        await using var server = FlywheelServer.Build(new ServerOptions { UseCases = [folder], Store = store, DataRoots = [folder], RunJobs = false, Port = 0, AdminKey = AdminSecret },
            web => web.Logging.SetMinimumLevel(LogLevel.Warning));
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls.First().Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1")) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminSecret);
        for (var i = 0; i < 2; i++) _workers.Add(await StartWorkerAsync(folder, store));

        output.WriteLine($"server and workers up at {total.Elapsed.TotalSeconds:0.0} s");
        var ids = new List<string>();
        for (var i = 0; i < Jobs; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/batch-transform-jobs", new { model = $"{useCase.Name}@candidate", input = "data/big.csv", output = $"data/out-{i}.csv" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        // Kill the worker running the first job that is under way (rows done, not finished) with SIGKILL.
        var (killedJob, killedPid) = await FindRunningAsync(client, ids);
        var victim = _workers.Single(w => w.Id == killedPid);
        victim.Kill(); // SIGKILL on Unix: no shutdown, no requeue; the queue's invisibility timeout hands the job on
        await victim.WaitForExitAsync();
        output.WriteLine($"killed worker {killedPid} at {total.Elapsed.TotalSeconds:0.0} s");

        var clock = Stopwatch.StartNew();
        var finished = new Dictionary<string, JsonElement>();
        while (finished.Count < ids.Count && clock.Elapsed < TimeSpan.FromSeconds(100))
        {
            foreach (var id in ids.Except(finished.Keys).ToList())
            {
                var job = await JobAsync(client, id);
                if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") finished[id] = job;
            }
            await Task.Delay(250);
        }
        output.WriteLine($"all jobs finished at {total.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(ids.Count, finished.Count);
        Assert.All(finished.Values, job => Assert.Equal("succeeded", job.GetProperty("state").GetString()));
        Assert.True(finished[killedJob].GetProperty("attempts").GetInt32() >= 2);

        var model = ScoringModel.Load((await new Flywheel.Registry.ModelCatalog(Flywheel.Storage.MetadataStore.ForUseCase(folder, store)).ResolveAsync($"{useCase.Name}@candidate")).Package);
        var expected = Path.Combine(_root, "expected.csv");
        CsvPredictor.Predict(model, input, expected);
        var expectedBytes = await File.ReadAllBytesAsync(expected);
        for (var i = 0; i < Jobs; i++)
        {
            var actual = await File.ReadAllBytesAsync(Path.Combine(folder, $"data/out-{i}.csv"));
            Assert.True(expectedBytes.SequenceEqual(actual), $"output {i} differs from predict's");
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "data"), "*.tmp*"));
    }

    private static async Task<(string Job, int Pid)> FindRunningAsync(HttpClient client, IReadOnlyList<string> ids)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var id in ids)
            {
                var job = await JobAsync(client, id);
                if (job.GetProperty("state").GetString() != "running" || job.GetProperty("progress").GetProperty("rowsDone").GetInt64() < 2000) continue;
                var logs = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}/logs")).RootElement;
                var started = logs.EnumerateArray().Select(l => l.GetProperty("message").GetString()!).Last(m => m.StartsWith("attempt ", StringComparison.Ordinal));
                return (id, int.Parse(started[(started.LastIndexOf("pid ", StringComparison.Ordinal) + 4)..].TrimEnd(')')));
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("no job got under way within 60 s");
    }

    private static async Task<JsonElement> JobAsync(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}")).RootElement.Clone();

    private static async Task<Process> StartWorkerAsync(string folder, string store)
    {
        var start = CliProcess.StartInfo(folder, "worker", folder, "--store", store, "--workers", "1", "--invisibility-timeout", "5", "--poll-interval", "1", "--retries", "3");
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) => { if (line.Data?.StartsWith("worker: running", StringComparison.Ordinal) == true) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    private static string Repeat(string source, string path, int rows)
    {
        var lines = File.ReadLines(source).Where(line => line.Length > 0).ToList();
        using var writer = new StreamWriter(path);
        writer.Write(lines[0] + "\n");
        for (var i = 0; i < rows; i++) writer.Write(lines[1 + i % (lines.Count - 1)] + "\n");
        return path;
    }

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            if (!worker.HasExited) worker.Kill();
            worker.Dispose();
        }
        if (_database is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            var admin = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable)) { Database = "postgres" };
            using var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Skipped, visibly, unless FLYWHEEL_TEST_POSTGRES names a PostgreSQL server.</summary>
public sealed class SkippableWithoutPostgresFactAttribute : FactAttribute
{
    public SkippableWithoutPostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("FLYWHEEL_TEST_POSTGRES")))
            Skip = "the worker kill test needs PostgreSQL: set FLYWHEEL_TEST_POSTGRES to an Npgsql connection string";
    }
}

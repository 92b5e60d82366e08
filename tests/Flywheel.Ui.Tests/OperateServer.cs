using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Server;
using Flywheel.Server.Jobs;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Flywheel.Ui.Tests;

/// <summary>
/// The growth loop turned once for the operate pages, as GrowthLoopTests turns it but small: the churn sample trained
/// with one trial, v1 at @production, served by Kestrel on a free loopback port with jobs running; 120 one-row requests (total_day_minutes
/// scaled by 1.6, so it drifts) captured; the review intake queues the review band and a 20 % sample; ground truth for
/// the first 80 rows that are not queued; a monitoring run; a retrain (one trial) compared with the champion on the
/// fresh holdout. Shared by a test class; a new browser context per test.
/// </summary>
public sealed class OperateServer : IAsyncLifetime
{
    public const string AdminSecret = "fw_uioperateadm0_0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
    public const string Endpoint = "telco-churn";
    public const int Requests = 120;
    public const int GroundTruthFrom = 80;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-ui-operate-{Guid.NewGuid():N}");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public ServerStore Store => _app!.Services.GetRequiredService<ServerStore>();

    /// <summary>The comparison the retrain stored: champion v1, challenger v2.</summary>
    public JsonElement Comparison { get; private set; }

    /// <summary>Inference ids the review intake queued (none of them has ground truth, so a reviewer's label is the one the dataset takes).</summary>
    public IReadOnlyList<string> Queued { get; private set; } = [];

    public TimeSpan SetUp { get; private set; }

    public async Task InitializeAsync()
    {
        var started = DateTime.UtcNow;
        Copy("flywheel.yaml");
        Copy("data/mlc_churn.csv");
        File.AppendAllText(Path.Combine(_folder, "flywheel.yaml"), "review:\n  sample: 0.2\n");
        TrainWorkflow.Run(UseCaseLoader.Load(_folder), new TrainRequest(Budget: TimeSpan.FromMinutes(5), MaxTrials: 1, Seed: 7, Importance: false));
        // The first version went to production before the loop starts (as a team's first approved deployment), so the
        // endpoint follows @production and the retrain's challenger has a champion to beat.
        await Flywheel.Storage.MetadataStore.ForUseCase(_folder).Models.SetAliasAsync(Endpoint, "production", 1, "test");

        var port = FreePort();
        _app = FlywheelServer.Build(new ServerOptions { UseCases = [_folder], Port = port, RunJobs = true, WorkerCount = 1, AdminKey = AdminSecret }, builder =>
        {
            builder.WebHost.UseSetting("urls", $"http://127.0.0.1:{port}");
            builder.Services.AddSingleton(new JobsOptions { QueuePollInterval = TimeSpan.FromSeconds(1), Retries = 0, RetryDelays = [TimeSpan.FromSeconds(1)] });
        });
        await _app.StartAsync();
        BaseUrl = $"http://127.0.0.1:{port}";
        await TurnTheLoopAsync();
        SetUp = DateTime.UtcNow - started;

        Directory.CreateDirectory(WorkspaceServer.Screenshots);
        if (!File.Exists(Browsers.Chromium)) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Browsers.Chromium, Headless = true });
    }

    /// <summary>A client of the API with the admin key.</summary>
    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminSecret);
        return client;
    }

    /// <summary>A new key of <paramref name="role"/> named <c>ui-{role}-…</c>: its name and secret.</summary>
    public async Task<(string Name, string Secret)> KeyAsync(string role)
    {
        var name = $"ui-{role}-{Guid.NewGuid():N}"[..20];
        return (name, (await Store.Store.Keys.CreateAsync(name, role, null, "test")).Secret);
    }

    public Task<IPage> PageAsync(string locale = "en-US", int width = 1280, int height = 800) =>
        Browsing.NewPageAsync(Browser, BaseUrl, locale, width, height);

    private async Task TurnTheLoopAsync()
    {
        using var api = Api();
        var lines = File.ReadLines(Path.Combine(_folder, "data", "mlc_churn.csv")).Take(Requests + 1).ToList();
        var header = lines[0].Split(',');
        var target = Array.IndexOf(header, "\"churn\"");
        var drifted = Array.IndexOf(header, "\"total_day_minutes\"");
        string Without(string[] fields) => string.Join(",", fields.Where((_, i) => i != target));
        var labels = new List<(string Id, string Label)>();
        for (var i = 0; i < Requests; i++)
        {
            var fields = lines[i + 1].Split(',');
            fields[drifted] = (double.Parse(fields[drifted], CultureInfo.InvariantCulture) * 1.6).ToString("R", CultureInfo.InvariantCulture);
            var id = $"ui-{i:D3}";
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/endpoints/{Endpoint}/invocations")
            {
                Content = new StringContent(Without(header) + "\n" + Without(fields) + "\n", Encoding.UTF8, "text/csv"),
            };
            request.Headers.Add("X-Amzn-SageMaker-Inference-Id", id);
            Ok(await api.SendAsync(request), HttpStatusCode.OK);
            labels.Add((id, fields[target].Trim('"')));
        }
        await UntilAsync(async () => (await JsonAsync(await api.GetAsync($"/api/v1/endpoints/{Endpoint}/capture?limit=0"))).GetProperty("total").GetInt64() >= Requests, "capture");

        // The intake takes rows older than its settle time; run it until every row is past it.
        await Task.Delay(Flywheel.Operate.Review.ReviewIntake.Settle + TimeSpan.FromSeconds(1));
        Ok(await api.PostAsync($"/api/v1/endpoints/{Endpoint}/review-intake", null), HttpStatusCode.OK);
        Queued = (await JsonAsync(await api.GetAsync($"/api/v1/review/items?endpoint={Endpoint}"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("inferenceId").GetString()!).ToList();
        if (Queued.Count < 8) throw new InvalidOperationException($"the review intake queued {Queued.Count} items; the tests need at least 8");

        var truth = labels.Take(GroundTruthFrom).Where(l => !Queued.Contains(l.Id)).Select(l => new { inferenceId = l.Id, label = l.Label }).ToList();
        Ok(await api.PostAsJsonAsync($"/api/v1/endpoints/{Endpoint}/ground-truth", new { records = truth }), HttpStatusCode.Accepted);

        var monitoring = await JsonAsync(Ok(await api.PostAsync($"/api/v1/endpoints/{Endpoint}/monitoring-runs", null), HttpStatusCode.Accepted));
        await FinishedAsync(api, monitoring.GetProperty("id").GetString()!);
        var retrain = await JsonAsync(Ok(await api.PostAsJsonAsync($"/api/v1/use-cases/{Endpoint}/retrain-jobs", new { maxTrials = 1, seed = 7, budgetSeconds = 120 }), HttpStatusCode.Accepted));
        var job = await FinishedAsync(api, retrain.GetProperty("id").GetString()!);
        Comparison = await JsonAsync(await api.GetAsync(job.GetProperty("output").GetString()));
    }

    private static async Task<JsonElement> FinishedAsync(HttpClient api, string job)
    {
        JsonElement last = default;
        await UntilAsync(async () =>
        {
            last = await JsonAsync(await api.GetAsync($"/api/v1/jobs/{job}"));
            return last.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled";
        }, $"job {job}", TimeSpan.FromMinutes(5));
        if (last.GetProperty("state").GetString() != "succeeded") throw new InvalidOperationException($"job {job}: {last}");
        return last;
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not finish in time");
            await Task.Delay(200);
        }
    }

    private static HttpResponseMessage Ok(HttpResponseMessage response, HttpStatusCode expected) =>
        response.StatusCode == expected ? response : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private void Copy(string file)
    {
        var target = Path.Combine(_folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Repo(Path.Combine("samples", "churn", file)), target);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Repo(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Flywheel.slnx"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("the repository root was not found"), relative);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.Monitoring;
using Flywheel.Server.Jobs;
using Flywheel.Server.Monitoring;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Server.Tests.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Monitoring;

public sealed class MonitoringRoutesTests
{
    /// <summary>An engine that reports one drifted feature (account_length) over whatever window it is asked.</summary>
    private sealed class DriftingEngine : IMonitoringEngine
    {
        public Task<MonitoringReport> RunAsync(MonitoringRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
        {
            progress?.Report(0.5);
            return Task.FromResult(new MonitoringReport
            {
                Endpoint = request.Endpoint,
                UseCase = request.UseCase.Name,
                ModelVersions = ["churn:1"],
                Window = new MonitoringWindow(request.From, request.To, 120),
                Drift = [new FeatureDrift("account_length", "numeric", "ks", 0.42, 1e-6, 0.05, true, 0.3, 1000, 120)],
                DatasetDrift = new DatasetDrift(1, 0.5, true, 1, 1),
            });
        }
    }

    private static async Task<(TempFolder Folder, TestHost Host)> StartAsync(bool runJobs = true)
    {
        var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = runJobs, WorkerCount = 1 }, builder =>
        {
            builder.Services.AddSingleton(new JobsOptions { QueuePollInterval = TimeSpan.FromSeconds(1), Retries = 0, RetryDelays = [TimeSpan.FromSeconds(1)] });
            builder.Services.AddSingleton(new MonitoringOptions { Engine = (_, _) => new DriftingEngine(), ScheduleRefresh = TimeSpan.FromSeconds(1) });
        });
        return (folder, host);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> WaitAsync(HttpClient client, string jobId)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await JsonAsync(await client.GetAsync($"/api/v1/jobs/{jobId}"));
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {jobId} did not finish");
    }

    [Fact]
    public async Task A_run_is_a_job_whose_report_alerts_and_page_are_served_and_an_alert_is_acknowledged_once()
    {
        var (folder, host) = await StartAsync();
        using var _ = folder;
        await using var __ = host;
        var scientist = await host.AsAsync(Roles.Scientist);
        var response = await scientist.PostAsync("/api/v1/endpoints/telco-churn/monitoring-runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = await JsonAsync(response);
        Assert.Equal("monitoring", submitted.GetProperty("kind").GetString());
        var job = await WaitAsync(scientist, submitted.GetProperty("id").GetString()!);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var runUrl = job.GetProperty("output").GetString()!;
        Assert.StartsWith("/api/v1/monitoring-runs/", runUrl);

        var viewer = await host.AsAsync(Roles.Viewer);
        var report = await JsonAsync(await viewer.GetAsync(runUrl));
        Assert.Equal(120, report.GetProperty("window").GetProperty("rows").GetInt64());
        Assert.Equal("ks", report.GetProperty("drift")[0].GetProperty("method").GetString());
        var alerts = report.GetProperty("alerts").EnumerateArray().Select(a => (a.GetProperty("check").GetString(), a.GetProperty("severity").GetString(), a.GetProperty("role").GetString())).ToList();
        Assert.Contains(("baseline_drift_check", "warning", "data engineer"), alerts);
        Assert.Contains(("dataset_drift_check", "critical", "data engineer"), alerts);

        var html = await viewer.GetAsync(runUrl + "?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Monitoring: telco-churn", await html.Content.ReadAsStringAsync());
        var document = await JsonAsync(await viewer.GetAsync(runUrl + "?format=document"));
        Assert.Equal("Monitoring: telco-churn", document.GetProperty("title").GetString());

        var runs = await JsonAsync(await viewer.GetAsync("/api/v1/endpoints/telco-churn/monitoring-runs"));
        Assert.Equal(1, runs.GetProperty("total").GetInt32());
        var open = await JsonAsync(await viewer.GetAsync("/api/v1/alerts?endpoint=telco-churn&state=open"));
        Assert.Equal(2, open.GetArrayLength());
        var id = open.EnumerateArray().First(a => a.GetProperty("check").GetString() == "baseline_drift_check").GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/alerts/{id}/acknowledge", null)).StatusCode);
        var acknowledged = await scientist.PostAsync($"/api/v1/alerts/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("acknowledged", (await JsonAsync(acknowledged)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await scientist.PostAsync($"/api/v1/alerts/{id}/acknowledge", null)).StatusCode);
        Assert.Contains(await host.Store.Store.AuditTrailAsync($"alert:{id}"), e => e.Action == "alert.acknowledge");

        var growth = await JsonAsync(await viewer.GetAsync("/api/v1/use-cases/telco-churn/growth"));
        Assert.Equal(3, growth.GetProperty("conditions").GetArrayLength());
        Assert.Equal("recall", growth.GetProperty("metric").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_unknown_things_are_404()
    {
        var (folder, host) = await StartAsync(runJobs: false);
        using var _ = folder;
        await using var __ = host;
        var admin = host.Admin();
        var unknown = await admin.PostAsync("/api/v1/endpoints/nope/monitoring-runs", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var badSince = await admin.PostAsJsonAsync("/api/v1/endpoints/telco-churn/monitoring-runs", new { since = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.Equal("since", (await JsonAsync(badSince)).GetProperty("element").GetString());
        var backwards = await admin.PostAsJsonAsync("/api/v1/endpoints/telco-churn/monitoring-runs", new { since = "2026-12-02T00:00:00Z", until = "2026-12-01T00:00:00Z" });
        Assert.Equal("until", (await JsonAsync(backwards)).GetProperty("element").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/alerts?state=closed")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/endpoints/telco-churn/monitoring-runs?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/endpoints/nope/monitoring-runs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/monitoring-runs/999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/alerts/{Guid.NewGuid()}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/use-cases/nope/growth")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/use-cases/telco-churn/growth?since=soon")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.AsAsync(Roles.Viewer)).PostAsync("/api/v1/endpoints/telco-churn/monitoring-runs", null)).StatusCode);
    }

    [Fact]
    public async Task Each_endpoint_gets_a_recurring_job_on_its_schedule()
    {
        Assert.Equal("0 * * * *", MonitoringSchedules.Cron("hourly"));
        Assert.Equal("0 0 * * *", MonitoringSchedules.Cron("daily"));
        Assert.Null(MonitoringSchedules.Cron("never"));
        Assert.Equal("*/5 * * * *", MonitoringSchedules.Cron("*/5 * * * *"));

        var (folder, host) = await StartAsync(runJobs: false);
        using var _ = folder;
        await using var __ = host;
        using var connection = host.App.Services.GetRequiredService<JobStorage>().GetConnection();
        RecurringJobDto? job = null;
        for (var i = 0; i < 100 && job is null; i++)
        {
            job = connection.GetRecurringJobs().FirstOrDefault(j => j.Id == MonitoringSchedules.JobId("telco-churn"));
            if (job is null) await Task.Delay(100);
        }
        Assert.NotNull(job);
        Assert.Equal("0 * * * *", job.Cron);
    }
}

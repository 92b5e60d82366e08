using System.Net.Http.Json;
using System.Text.Json;
using Flywheel.Operate.Endpoints;
using Flywheel.Server.Jobs;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Jobs;

/// <summary>A server over a private copy of the churn use case with its folder as the data root, jobs polled every second.</summary>
public sealed class JobsServer : IAsyncDisposable
{
    public const string CallbackSecret = "test-callback-secret";

    private JobsServer(TempFolder folder, TestHost host, string model)
    {
        Folder = folder;
        Host = host;
        Model = model;
    }

    public TempFolder Folder { get; }
    public TestHost Host { get; }
    public string Model { get; }

    public static async Task<JobsServer> StartAsync(TrainedUseCase churn, bool runJobs = true, int retries = 1)
    {
        var folder = churn.Copy();
        var options = new ServerOptions { UseCases = [folder.Path], DataRoots = [folder.Path], RunJobs = runJobs, WorkerCount = 2 };
        var host = await TestHost.StartAsync(options, builder =>
        {
            builder.Services.AddSingleton(new JobsOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(1),
                InvisibilityTimeout = TimeSpan.FromSeconds(30),
                Retries = retries,
                RetryDelays = [TimeSpan.FromSeconds(1)],
                CallbackSecret = CallbackSecret,
                WebhookRetry = new Flywheel.Operate.Webhooks.WebhookRetryPolicy(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)),
            });
            builder.Services.AddSingleton<IEndpointModels>(new FixedEndpoint(churn.Name, $"{churn.Name}@candidate", folder.Path));
        });
        return new JobsServer(folder, host, $"{churn.Name}@candidate");
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Polls a job until it is finished (bounded: 60 s), returning its last view.</summary>
    public async Task<JsonElement> WaitAsync(HttpClient client, string jobId)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await JsonAsync(await client.GetAsync($"/api/v1/jobs/{jobId}"));
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {jobId} did not finish");
    }

    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client, object request) =>
        await client.PostAsJsonAsync("/api/v1/batch-transform-jobs", request);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Folder.Dispose();
    }

    /// <summary>The test double of the inference part's endpoint table: one endpoint serving one reference.</summary>
    private sealed class FixedEndpoint(string name, string reference, string folder) : IEndpointModels
    {
        public Task<EndpointModel> ResolveAsync(string endpoint, string? variant = null, CancellationToken cancellation = default) =>
            endpoint == name ? Task.FromResult(new EndpointModel(endpoint, variant ?? "primary", reference, folder))
                : throw new NotFoundException($"no endpoint named '{endpoint}'", "endpoint");
    }
}

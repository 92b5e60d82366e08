using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Flywheel.Operate.Webhooks;
using Flywheel.Server.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Flywheel.Server.Tests.Jobs;

[Collection(TrainedModelsCollection.Name)]
public sealed class AsyncInvocationTests(TrainedModels models)
{
    [Fact]
    public async Task An_inline_invocation_is_scored_on_a_worker_and_the_signed_webhook_is_retried_until_delivered()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 2);
        await using var server = await JobsServer.StartAsync(models.Churn);
        var client = await server.Host.AsAsync("invoker");
        var csv = string.Join('\n', File.ReadLines(server.Folder.File("data/mlc_churn.csv")).Take(3)) + "\n";
        var request = new HttpRequestMessage(HttpMethod.Post, "/endpoints/telco-churn/async-invocations") { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Flywheel-Callback-Url", receiver.Url);
        request.Headers.Add("X-Amzn-SageMaker-Inference-Id", "order-42");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await JobsServer.JsonAsync(response);
        Assert.Equal("order-42", accepted.GetProperty("inferenceId").GetString());
        Assert.Equal("/api/v1/async-results/order-42", response.Headers.GetValues("X-Amzn-SageMaker-OutputLocation").Single());
        Assert.Equal("/api/v1/async-results/order-42/failure", response.Headers.GetValues("X-Amzn-SageMaker-FailureLocation").Single());

        HttpResponseMessage result;
        var polls = 0;
        while ((result = await client.GetAsync("/api/v1/async-results/order-42")).StatusCode == HttpStatusCode.Accepted && polls++ < 600) await Task.Delay(100);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var lines = (await result.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("score,label,decision,suggested_label", lines[0]);
        Assert.Equal(3, lines.Length);

        var delivered = await receiver.WaitAsync(3);
        Assert.Equal([500, 500, 200], delivered.Select(d => d.Status));
        foreach (var (body, signature, _) in delivered) Assert.True(WebhookSignature.Verify(JobsServer.CallbackSecret, body, signature));
        var notification = JsonDocument.Parse(delivered[^1].Body).RootElement;
        Assert.Equal("Completed", notification.GetProperty("invocationStatus").GetString());
        Assert.Equal("order-42", notification.GetProperty("inferenceId").GetString());
        Assert.Equal("/api/v1/async-results/order-42", notification.GetProperty("responseParameters").GetProperty("outputLocation").GetString());
        var job = (await JobsServer.JsonAsync(await server.Host.Admin().GetAsync("/api/v1/jobs?kind=async-inference"))).EnumerateArray().Single();
        var logs = await JobsServer.JsonAsync(await server.Host.Admin().GetAsync($"/api/v1/jobs/{job.GetProperty("id").GetString()}/logs"));
        Assert.Equal(3, logs.EnumerateArray().Count(line => line.GetProperty("message").GetString()!.StartsWith("webhook ", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.EnumerateArray(), line => line.GetProperty("message").GetString()!.Contains(JobsServer.CallbackSecret));
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(Repeat(csv))).StatusCode);
    }

    [Fact]
    public async Task A_bad_input_writes_the_failure_document_and_the_result_answers_424()
    {
        await using var server = await JobsServer.StartAsync(models.Churn);
        var client = await server.Host.AsAsync("invoker");
        var lines = File.ReadLines(server.Folder.File("data/mlc_churn.csv")).Take(3).ToList();
        lines[2] = string.Join(',', lines[2].Split(',').Select((field, index) => index == 1 ? "lots" : field));
        var response = await client.PostAsync("/endpoints/telco-churn/async-invocations", new StringContent(string.Join('\n', lines), System.Text.Encoding.UTF8, "text/csv"));
        var id = (await JobsServer.JsonAsync(response)).GetProperty("inferenceId").GetString();
        HttpResponseMessage result;
        var polls = 0;
        while ((result = await client.GetAsync($"/api/v1/async-results/{id}")).StatusCode == HttpStatusCode.Accepted && polls++ < 600) await Task.Delay(100);
        Assert.Equal(HttpStatusCode.FailedDependency, result.StatusCode);
        var failure = await JobsServer.JsonAsync(result);
        Assert.Equal("Failed", failure.GetProperty("invocationStatus").GetString());
        Assert.Equal("ValidationError", failure.GetProperty("errorCode").GetString());
        Assert.Contains("account_length", failure.GetProperty("message").GetString());
        Assert.EndsWith(":3", failure.GetProperty("element").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/async-results/{id}/failure")).StatusCode);
    }

    [Theory]
    [InlineData("X-Amzn-SageMaker-RequestTTLSeconds", "59")]
    [InlineData("X-Amzn-SageMaker-RequestTTLSeconds", "21601")]
    [InlineData("X-Amzn-SageMaker-InvocationTimeoutSeconds", "0")]
    [InlineData("X-Amzn-SageMaker-InvocationTimeoutSeconds", "ten")]
    [InlineData("X-Flywheel-Callback-Url", "ftp://example.com/hook")]
    [InlineData("X-Amzn-SageMaker-InputLocation", "/etc/passwd")]
    [InlineData("X-Amzn-SageMaker-Inference-Id", "../escape")]
    public async Task A_bad_header_is_refused_naming_it(string header, string value)
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        var request = new HttpRequestMessage(HttpMethod.Post, "/endpoints/telco-churn/async-invocations") { Content = new StringContent("a,b\n1,2\n", System.Text.Encoding.UTF8, "text/csv") };
        request.Headers.TryAddWithoutValidation(header, value);
        var response = await server.Host.Admin().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(header, (await JobsServer.JsonAsync(response)).GetProperty("element").GetString());
    }

    [Fact]
    public async Task Unsupported_types_unknown_endpoints_and_results_are_refused()
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        var client = server.Host.Admin();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/endpoints/telco-churn/async-invocations", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var json = new HttpRequestMessage(HttpMethod.Post, "/endpoints/telco-churn/async-invocations") { Content = new StringContent("a\n1\n", System.Text.Encoding.UTF8, "text/csv") };
        json.Headers.Add("Accept", "application/x-protobuf");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.SendAsync(json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/endpoints/nobody/async-invocations", new StringContent("a\n1\n", System.Text.Encoding.UTF8, "text/csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/async-results/nothing-here")).StatusCode);
        var large = new StringContent(new string('1', 6 * 1024 * 1024 + 10), System.Text.Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/endpoints/telco-churn/async-invocations", large)).StatusCode);
    }

    private static HttpRequestMessage Repeat(string csv)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/endpoints/telco-churn/async-invocations") { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Amzn-SageMaker-Inference-Id", "order-42");
        return request;
    }

    /// <summary>A webhook receiver on a free port (real Kestrel: the sender goes over the network) that fails its first calls.</summary>
    private sealed class Receiver(WebApplication app, ConcurrentQueue<(byte[] Body, string? Signature, int Status)> calls) : IAsyncDisposable
    {
        public string Url => app.Urls.First() + "/hook";

        public static async Task<Receiver> StartAsync(int failFirst)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var calls = new ConcurrentQueue<(byte[], string?, int)>();
            var count = 0;
            app.MapPost("/hook", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                var status = Interlocked.Increment(ref count) <= failFirst ? 500 : 200;
                calls.Enqueue((body.ToArray(), http.Request.Headers[WebhookSignature.Header].ToString(), status));
                return Results.StatusCode(status);
            });
            await app.StartAsync();
            return new Receiver(app, calls);
        }

        public async Task<IReadOnlyList<(byte[] Body, string? Signature, int Status)>> WaitAsync(int count)
        {
            for (var i = 0; i < 300 && calls.Count < count; i++) await Task.Delay(100);
            return calls.ToList();
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}

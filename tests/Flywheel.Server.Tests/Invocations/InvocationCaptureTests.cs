using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Flywheel.Operate.Capture;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Invocations;

/// <summary>What invocations hand the capture sink (the capture part writes it): one event per request and scoring variant, the shadow's marked.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class InvocationCaptureTests(TrainedModels trained)
{
    private sealed class RecordingSink : ICaptureSink
    {
        public ConcurrentQueue<CaptureEvent> Events { get; } = new();

        public bool Offer(CaptureEvent captured)
        {
            Events.Enqueue(captured);
            return true;
        }
    }

    [Fact]
    public async Task Every_request_is_offered_with_its_inference_id_and_the_shadow_is_captured_apart()
    {
        using var folder = trained.Penguins.Copy();
        var sink = new RecordingSink();
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path] }, builder => builder.Services.AddSingleton<ICaptureSink>(sink));
        var put = await host.Admin().PutAsJsonAsync("/api/v1/endpoints/penguins",
            new { variants = new object[] { new { name = "primary", model = "penguins@candidate" }, new { name = "challenger", model = "penguins:1", shadow = true } } });
        put.EnsureSuccessStatusCode();
        const string body = """{"instances":[{"island":"Dream","bill_length_mm":49,"bill_depth_mm":18.5,"flipper_length_mm":195,"body_mass_g":3700,"sex":"female","year":2009}]}""";
        for (var i = 0; i < 10; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Amzn-SageMaker-Inference-Id", $"req-{i}");
            (await host.Admin().SendAsync(request)).EnsureSuccessStatusCode();
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sink.Events.Count(e => e.Shadow) < 10 && DateTime.UtcNow < deadline) await Task.Delay(20);

        var live = sink.Events.Where(e => !e.Shadow).ToList();
        var shadow = sink.Events.Where(e => e.Shadow).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"req-{i}"), live.Select(e => e.InferenceId));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"req-{i}").Order(), shadow.Select(e => e.InferenceId).Order());
        Assert.All(live, e => Assert.Equal(("penguins", "primary", "penguins:1", body), (e.Endpoint, e.Variant, e.ModelVersion, e.InputData)));
        Assert.All(live, e => Assert.Contains("\"inference_id\":\"" + e.InferenceId + "\"", e.OutputData, StringComparison.Ordinal));
        Assert.All(shadow, e => Assert.Equal("challenger", e.Variant));
        Assert.Equal(live.Select(e => e.EventId).Distinct().Count(), live.Count);
    }

    [Fact]
    public async Task A_capture_share_of_zero_offers_nothing()
    {
        using var folder = trained.Penguins.Copy();
        var sink = new RecordingSink();
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path] }, builder => builder.Services.AddSingleton<ICaptureSink>(sink));
        (await host.Admin().PutAsJsonAsync("/api/v1/endpoints/penguins", new { variants = new[] { new { name = "primary", model = "penguins@candidate" } }, captureShare = 0 })).EnsureSuccessStatusCode();
        for (var i = 0; i < 5; i++)
            (await host.Admin().PostAsync("/invocations", new StringContent("""[{"island":"Dream","bill_length_mm":49,"bill_depth_mm":18.5,"flipper_length_mm":195,"body_mass_g":3700,"sex":"female","year":2009}]""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        Assert.Empty(sink.Events);
    }
}

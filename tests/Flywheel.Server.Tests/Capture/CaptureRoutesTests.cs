using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.Capture;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Capture;

public sealed class CaptureRoutesTests
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Offered_events_are_read_back_per_hour_and_newest_first_with_the_ground_truth_posted_for_them()
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder);
        var sink = host.App.Services.GetRequiredService<ICaptureSink>();
        // 6 events, 20 minutes apart from 03:00: three in hour 03, three in hour 04; i = 4 on the shadow variant.
        for (var i = 0; i < 6; i++) Assert.True(sink.Offer(CaptureHost.Event(i, Hour.AddMinutes(20 * i), i == 4 ? "shadow" : "primary")));
        var invoker = await host.AsAsync(Roles.Invoker);
        Assert.Equal(HttpStatusCode.Accepted, (await invoker.PostAsJsonAsync("/api/v1/endpoints/churn/ground-truth",
            new { records = new object[] { new { inferenceId = "inf-0005", label = "yes" } } })).StatusCode);
        var viewer = await host.AsAsync(Roles.Viewer);
        var url = "/api/v1/endpoints/churn/capture?since=2026-12-02T03:00:00Z&until=2026-12-02T05:00:00Z&limit=2";

        var window = await PollAsync(viewer, url, body => body.GetProperty("total").GetInt64() == 6);

        var hours = window.GetProperty("hours").EnumerateArray()
            .Select(h => (h.GetProperty("hour").GetDateTimeOffset(), h.GetProperty("variant").GetString(), h.GetProperty("records").GetInt64())).ToList();
        Assert.Equal([(Hour, "primary", 3L), (Hour.AddHours(1), "primary", 2L), (Hour.AddHours(1), "shadow", 1L)], hours);
        var records = window.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["inf-0005", "inf-0004"], records.Select(r => r.GetProperty("inferenceId").GetString()));
        Assert.Equal("yes", records[0].GetProperty("groundTruth").GetString());
        Assert.Equal(JsonValueKind.Null, records[1].GetProperty("groundTruth").ValueKind);
        Assert.Equal(("churn:2", "5,12.5,no", 0.8), (records[0].GetProperty("modelVersion").GetString(), records[0].GetProperty("inputData").GetString(), records[0].GetProperty("latencyMs").GetDouble()));

        var shadow = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/endpoints/churn/capture?since=2026-12-02T03:00:00Z&variant=shadow");
        Assert.Equal(1, shadow.GetProperty("total").GetInt64());
        var stats = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/endpoints/churn/capture/stats");
        Assert.Equal((6L, 6L, 0L, 3), (stats.GetProperty("taken").GetInt64(), stats.GetProperty("written").GetInt64(), stats.GetProperty("dropped").GetInt64(), stats.GetProperty("files").GetInt32()));
    }

    [Theory]
    [InlineData("?since=yesterday", "since")]
    [InlineData("?until=2026-13-01", "until")]
    [InlineData("?since=2026-12-02T04:00:00Z&until=2026-12-02T03:00:00Z", "until")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=5000", "limit")]
    [InlineData("?variant=../x", "variant")]
    public async Task A_bad_query_is_a_400_problem_naming_the_parameter(string query, string element)
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder);

        var response = await host.Admin().GetAsync("/api/v1/endpoints/churn/capture" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(element, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("element").GetString());
    }

    [Fact]
    public async Task Reading_capture_needs_the_read_permission_and_a_known_endpoint()
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder);
        var invoker = await host.AsAsync(Roles.Invoker);

        Assert.Equal(HttpStatusCode.Forbidden, (await invoker.GetAsync("/api/v1/endpoints/churn/capture")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await invoker.GetAsync("/api/v1/endpoints/churn/capture/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/api/v1/endpoints/churn/capture")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin().GetAsync("/api/v1/endpoints/nope/capture")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin().GetAsync("/api/v1/endpoints/nope/capture/stats")).StatusCode);
        var empty = await host.Admin().GetFromJsonAsync<JsonElement>("/api/v1/endpoints/churn/capture");
        Assert.Equal(0, empty.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Stopping_the_server_writes_every_buffered_record()
    {
        using var folder = new TempFolder();
        // A flush interval longer than the test: only the shutdown can put the records in the file.
        var host = await CaptureHost.StartAsync(folder, builder => builder.Services.AddSingleton(provider => new CaptureOptions
        {
            Root = provider.GetRequiredService<ServerStore>().Store.Artifacts.Root,
            FlushInterval = TimeSpan.FromHours(1),
        }));
        var writer = host.App.Services.GetRequiredService<CaptureWriter>();
        for (var i = 0; i < 50; i++) Assert.True(writer.Offer(CaptureHost.Event(i, Hour.AddSeconds(i))));
        for (var attempt = 0; attempt < 200 && writer.Stats(CaptureHost.Endpoint).Written < 50; attempt++) await Task.Delay(50);
        var root = Path.Combine(writer.Options.Root, "capture");
        Assert.Empty(Lines(root)); // written to the file's buffer, not yet to the file

        await host.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"inf-{i:D4}"),
            Lines(root).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("eventMetadata").GetProperty("inferenceId").GetString()));
    }

    private static List<string> Lines(string root)
    {
        var lines = new List<string>();
        if (!Directory.Exists(root)) return lines;
        foreach (var file in Directory.GetFiles(root, "*.jsonl", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            lines.AddRange(new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        return lines;
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        JsonElement body = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (done(body)) return body;
            await Task.Delay(100);
        }
        return body;
    }
}

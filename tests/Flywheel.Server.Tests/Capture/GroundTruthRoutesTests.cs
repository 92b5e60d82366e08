using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.GroundTruth;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Capture;

public sealed class GroundTruthRoutesTests
{
    private const string Route = "/api/v1/endpoints/churn/ground-truth";

    [Fact]
    public async Task Labels_by_inference_id_are_accepted_stored_beside_the_capture_and_audited()
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder);
        var client = await host.AsAsync(Roles.Invoker);

        var response = await client.PostAsJsonAsync(Route, new { records = new object[] { new { inferenceId = "inf-0001", label = 1 }, new { inferenceId = "inf-0002", label = "no" } } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var file = Assert.Single(Directory.GetFiles(Path.Combine(host.Store.Store.Artifacts.Root, "ground-truth", "churn"), "*.jsonl", SearchOption.AllDirectories));
        var lines = File.ReadAllLines(file).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["inf-0001", "inf-0002"], lines.Select(line => line.GetProperty("eventMetadata").GetProperty("eventId").GetString()));
        Assert.Equal(["1", "no"], lines.Select(line => line.GetProperty("groundTruthData").GetProperty("data").GetString()));
        Assert.All(lines, line => Assert.Equal("0", line.GetProperty("eventVersion").GetString()));
        var audit = Assert.Single(await host.Store.Store.AuditTrailAsync("endpoint:churn"));
        Assert.Equal("ground-truth.post", audit.Action);
        Assert.StartsWith("key:test-invoker-", audit.Actor);
    }

    [Fact]
    public async Task Model_monitor_json_lines_are_accepted()
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder);
        var body = """
            {"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"inf-0001"},"eventVersion":"0"}
            {"groundTruthData":{"data":"0","encoding":"CSV"},"eventMetadata":{"eventId":"inf-0002"},"eventVersion":"0"}
            {"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"inf-0003"},"eventVersion":"0"}
            """;

        var response = await host.Admin().PostAsync(Route, new StringContent(body, Encoding.UTF8, "application/jsonlines"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData("""{"records":[{"inferenceId":"a","label":1},{"inferenceId":"b","label":0},{"inferenceId":"c","label":1},{"label":0}]}""", "application/json", "records[3].inferenceId")]
    [InlineData("""{"records":[{"inferenceId":"a"}]}""", "application/json", "records[0].label")]
    [InlineData("""{"records":""", "application/json", "body")]
    [InlineData("{\"groundTruthData\":{\"data\":\"1\"},\"eventMetadata\":{\"eventId\":\"a\"}}\n{\"groundTruthData\":{\"data\":\"1\"}}", "application/jsonlines", "eventMetadata:2")]
    public async Task A_bad_record_is_a_400_problem_naming_the_record_and_field_and_nothing_is_stored(string body, string contentType, string element)
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder);

        var response = await host.Admin().PostAsync(Route, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(element, problem.GetProperty("element").GetString());
        Assert.False(Directory.Exists(Path.Combine(host.Store.Store.Artifacts.Root, "ground-truth")));
    }

    [Fact]
    public async Task Unknown_endpoint_wrong_media_type_oversized_body_and_too_many_records_are_refused()
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder, builder => builder.Services.AddSingleton(new GroundTruthLimits { MaxBodyBytes = 400, MaxRecords = 2 }));
        var admin = host.Admin();
        var one = """{"records":[{"inferenceId":"a","label":1}]}""";

        var unknown = await admin.PostAsync("/api/v1/endpoints/nope/ground-truth", Json(one));
        var text = await admin.PostAsync(Route, new StringContent(one, Encoding.UTF8, "text/plain"));
        var large = await admin.PostAsync(Route, Json("""{"records":[""" + string.Join(",", Enumerable.Repeat("""{"inferenceId":"a","label":1}""", 20)) + "]}"));
        var many = await admin.PostAsync(Route, Json("""{"records":[{"inferenceId":"a","label":1},{"inferenceId":"b","label":1},{"inferenceId":"c","label":1}]}"""));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("records", (await many.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("element").GetString());
    }

    [Theory]
    [InlineData(Roles.Viewer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Reviewer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Invoker, HttpStatusCode.Accepted)]
    [InlineData(Roles.Scientist, HttpStatusCode.Accepted)]
    public async Task Posting_ground_truth_needs_the_invoke_permission(string role, HttpStatusCode expected)
    {
        using var folder = new TempFolder();
        await using var host = await CaptureHost.StartAsync(folder);

        var response = await (await host.AsAsync(role)).PostAsync(Route, Json("""{"records":[{"inferenceId":"a","label":1}]}"""));
        var anonymous = await host.Anonymous().PostAsync(Route, Json("""{"records":[{"inferenceId":"a","label":1}]}"""));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

using System.Net;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Retraining;

/// <summary>The "like" button's route: a feedback on a captured inference is stored (then replaced), counted per version and audited; bad bodies are 400s naming the field; Invoke is needed to post, Read to count.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class FeedbackRoutesTests(TrainedModels trained) : IAsyncLifetime
{
    private TempFolder _folder = null!;
    private TestHost _host = null!;

    private string Endpoint => trained.Churn.Name;
    private string Route => $"/api/v1/endpoints/{Endpoint}/feedback";

    public async Task InitializeAsync()
    {
        _folder = trained.Churn.Copy();
        _host = await TestHost.StartAsync(new ServerOptions { UseCases = [_folder.Path], RunJobs = false });
        var (header, rows) = ChurnCapture.Read(_folder.Path, 1);
        CapturedRequests.Write(_host.Store.Store.Artifacts.Root, CapturedRequests.Event(Endpoint, "inf-fb-1", DateTimeOffset.UtcNow.AddHours(-1),
            header + "\n" + rows[0].Inputs, CapturedRequests.Answer(0.8, "yes")));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_feedback_is_created_then_replaced_counted_per_version_and_audited()
    {
        var app = await _host.AsAsync(Roles.Invoker);

        var created = await (await app.PostJsonAsync(Route, """{"inferenceId":"inf-fb-1","verdict":"not_useful","label":"no","comment":"already left"}""")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("inf-fb-1", "not_useful", "no", "telco-churn:1", false),
            (created.GetProperty("inferenceId").GetString(), created.GetProperty("verdict").GetString(), created.GetProperty("label").GetString(),
                created.GetProperty("modelVersion").GetString(), created.GetProperty("replaced").GetBoolean()));
        var replaced = await (await app.PostJsonAsync(Route, """{"inferenceId":"inf-fb-1","verdict":"useful"}""")).JsonAsync();
        Assert.True(replaced.GetProperty("replaced").GetBoolean());
        Assert.Equal(created.GetProperty("id").GetInt64(), replaced.GetProperty("id").GetInt64());
        // A second caller's feedback on the same inference is its own.
        await (await (await _host.AsAsync(Roles.Scientist)).PostJsonAsync(Route, """{"inferenceId":"inf-fb-1","verdict":"not_useful","label":"yes"}""")).JsonAsync(HttpStatusCode.Created);

        var summary = await (await _host.AsAsync(Roles.Viewer)).GetJsonAsync($"{Route}/summary");
        var version = Assert.Single(summary.GetProperty("versions").EnumerateArray());
        Assert.Equal(("telco-churn:1", 2, 1, 1, 1, 0.5),
            (version.GetProperty("modelVersion").GetString(), version.GetProperty("total").GetInt32(), version.GetProperty("useful").GetInt32(),
                version.GetProperty("notUseful").GetInt32(), version.GetProperty("withLabel").GetInt32(), version.GetProperty("usefulShare").GetDouble()));

        var audit = (await _host.Admin().GetJsonAsync($"/api/v1/audit?subject=endpoint:{Endpoint}&action=feedback.post")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, audit.Count);
        Assert.StartsWith("key:test-scientist-", audit[0].GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.All(audit.Skip(1), e => Assert.StartsWith("key:test-invoker-", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"verdict":"useful"}""", "inferenceId")]
    [InlineData("""{"inferenceId":"  ","verdict":"useful"}""", "inferenceId")]
    [InlineData("""{"inferenceId":"inf fb 1","verdict":"useful"}""", "inferenceId")]
    [InlineData("""{"inferenceId":"inf-fb-1"}""", "verdict")]
    [InlineData("""{"inferenceId":"inf-fb-1","verdict":"great"}""", "verdict")]
    [InlineData("""{"inferenceId":"inf-fb-1","verdict":"Useful"}""", "verdict")]
    [InlineData("null", "body")]
    public async Task A_bad_feedback_is_a_400_naming_the_field_and_nothing_is_stored(string body, string element)
    {
        var problem = await Problem.AssertAsync(await _host.Admin().PostJsonAsync(Route, body), HttpStatusCode.BadRequest, element);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Empty((await _host.Admin().GetJsonAsync($"{Route}/summary")).GetProperty("versions").EnumerateArray());
        Assert.Empty((await _host.Admin().GetJsonAsync($"/api/v1/audit?action=feedback.post")).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task An_over_long_label_or_comment_is_a_400_naming_it()
    {
        var admin = _host.Admin();
        await Problem.AssertAsync(await admin.PostJsonAsync(Route, $$"""{"inferenceId":"inf-fb-1","verdict":"useful","label":"{{new string('y', 201)}}"}"""), HttpStatusCode.BadRequest, "label");
        await Problem.AssertAsync(await admin.PostJsonAsync(Route, $$"""{"inferenceId":"inf-fb-1","verdict":"useful","comment":"{{new string('c', 2001)}}"}"""), HttpStatusCode.BadRequest, "comment");
        await (await admin.PostJsonAsync(Route, $$"""{"inferenceId":"inf-fb-1","verdict":"useful","comment":"{{new string('c', 2000)}}"}""")).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_uncaptured_inference_is_a_404_naming_it_unless_allowed_and_an_unknown_endpoint_is_a_404()
    {
        var admin = _host.Admin();

        await Problem.AssertAsync(await admin.PostJsonAsync(Route, """{"inferenceId":"inf-never","verdict":"useful"}"""), HttpStatusCode.NotFound, "inferenceId");
        var kept = await (await admin.PostJsonAsync(Route, """{"inferenceId":"inf-never","verdict":"useful","allowUncaptured":true}""")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, kept.GetProperty("modelVersion").ValueKind);
        await Problem.AssertAsync(await admin.PostJsonAsync("/api/v1/endpoints/no-such-endpoint/feedback", """{"inferenceId":"inf-fb-1","verdict":"useful"}"""), HttpStatusCode.NotFound, "endpoint");
        await Problem.AssertAsync(await admin.GetAsync("/api/v1/endpoints/no-such-endpoint/feedback/summary"), HttpStatusCode.NotFound, "endpoint");
    }

    [Fact]
    public async Task Posting_needs_invoke_and_counting_needs_read()
    {
        const string body = """{"inferenceId":"inf-fb-1","verdict":"useful"}""";
        await Problem.AssertAsync(await _host.Anonymous().PostJsonAsync(Route, body), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await _host.WithKey("fw_notakey0000000_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG").PostJsonAsync(Route, body), HttpStatusCode.Unauthorized);
        foreach (var role in new[] { Roles.Viewer, Roles.Reviewer })
            await Problem.AssertAsync(await (await _host.AsAsync(role)).PostJsonAsync(Route, body), HttpStatusCode.Forbidden);
        foreach (var role in new[] { Roles.Invoker, Roles.Scientist, Roles.Approver, Roles.Admin })
            await (await (await _host.AsAsync(role)).PostJsonAsync(Route, body)).JsonAsync(HttpStatusCode.Created);

        await Problem.AssertAsync(await (await _host.AsAsync(Roles.Invoker)).GetAsync($"{Route}/summary"), HttpStatusCode.Forbidden);
        Assert.Equal(4, (await (await _host.AsAsync(Roles.Reviewer)).GetJsonAsync($"{Route}/summary")).GetProperty("versions")[0].GetProperty("total").GetInt32());
    }
}

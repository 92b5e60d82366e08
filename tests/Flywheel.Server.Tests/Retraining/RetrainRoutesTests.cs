using System.Net;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Jobs;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Retraining;

/// <summary>
/// The retrain job through the routes: refused requests, then one real retrain (two trials) on 150 labelled
/// production rows — listed as a retrain job with its progress, succeeded, its comparison stored and the candidate
/// shadowing the endpoint — and a promotion on that comparison by an approver, recorded and audited.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class RetrainRoutesTests(TrainedModels trained) : IAsyncLifetime
{
    private const int Labelled = 150;

    private TempFolder _folder = null!;
    private TestHost _host = null!;

    private string Name => trained.Churn.Name;
    private string Submit => $"/api/v1/use-cases/{Name}/retrain-jobs";

    public async Task InitializeAsync()
    {
        _folder = trained.Churn.Copy();
        _host = await TestHost.StartAsync(new ServerOptions { UseCases = [_folder.Path], DataRoots = [_folder.Path], WorkerCount = 1 },
            builder => builder.Services.AddSingleton(new JobsOptions { QueuePollInterval = TimeSpan.FromMilliseconds(200), Retries = 0 }));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_bad_retrain_request_is_a_400_naming_the_field_an_unknown_use_case_a_404_and_only_deployers_may_submit()
    {
        var scientist = await _host.AsAsync(Roles.Scientist);

        await Problem.AssertAsync(await scientist.PostJsonAsync(Submit, """{"budgetSeconds":0}"""), HttpStatusCode.BadRequest, "budgetSeconds");
        await Problem.AssertAsync(await scientist.PostJsonAsync(Submit, """{"budgetSeconds":90000}"""), HttpStatusCode.BadRequest, "budgetSeconds");
        await Problem.AssertAsync(await scientist.PostJsonAsync(Submit, """{"maxTrials":0}"""), HttpStatusCode.BadRequest, "maxTrials");
        await Problem.AssertAsync(await scientist.PostJsonAsync(Submit, """{"endpoint":" "}"""), HttpStatusCode.BadRequest, "endpoint");
        await Problem.AssertAsync(await scientist.PostJsonAsync("/api/v1/use-cases/no-such-use-case/retrain-jobs", "{}"), HttpStatusCode.NotFound, "use case");
        foreach (var role in new[] { Roles.Viewer, Roles.Approver, Roles.Reviewer, Roles.Invoker })
            await Problem.AssertAsync(await (await _host.AsAsync(role)).PostJsonAsync(Submit, "{}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await _host.Anonymous().PostJsonAsync(Submit, "{}"), HttpStatusCode.Unauthorized);

        Assert.Empty((await scientist.GetJsonAsync("/api/v1/jobs?kind=retrain")).EnumerateArray());
        var unknown = await Problem.AssertAsync(await scientist.GetAsync("/api/v1/jobs?kind=training"), HttpStatusCode.BadRequest, "kind");
        Assert.Contains("retrain", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retrain_job_trains_compares_and_shadows_the_candidate_and_an_approver_promotes_it_on_the_comparison()
    {
        var root = _host.Store.Store.Artifacts.Root;
        var (header, rows) = ChurnCapture.Read(_folder.Path, Labelled);
        ChurnCapture.Write(root, Name, $"{Name}:1", header, rows.Select(r => r.Inputs).ToList());
        ChurnCapture.GroundTruth(root, Name, rows.Select((r, i) => (i, r.Label)));
        var scientist = await _host.AsAsync(Roles.Scientist);

        var accepted = await scientist.PostJsonAsync(Submit, """{"budgetSeconds":120,"maxTrials":2,"seed":7,"shadow":true}""");
        var submitted = await accepted.JsonAsync(HttpStatusCode.Accepted);
        var id = submitted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/jobs/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Equal("retrain", submitted.GetProperty("kind").GetString());
        Assert.StartsWith("key:test-scientist-", submitted.GetProperty("submittedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single((await scientist.GetJsonAsync("/api/v1/jobs?kind=retrain")).EnumerateArray()).GetProperty("id").GetString());

        var job = await WaitAsync(scientist, id);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        var progress = job.GetProperty("progress");
        Assert.Equal((Labelled, Labelled, 1.0), (progress.GetProperty("rowsDone").GetInt64(), progress.GetProperty("rowsTotal").GetInt64(), progress.GetProperty("fraction").GetDouble()));
        var logs = (await scientist.GetJsonAsync($"/api/v1/jobs/{id}/logs")).EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();
        Assert.Contains(logs, l => l.StartsWith($"{Name}:2 trained with 120 production rows; compared on 30", StringComparison.Ordinal));
        Assert.Contains($"{Name}:2 now shadows the endpoint", logs);

        // The comparison the job stored: challenger v2 against champion v1 on the 30 most recent labelled rows.
        var output = job.GetProperty("output").GetString()!;
        Assert.Matches("^/api/v1/comparisons/[0-9a-f-]{36}$", output);
        var comparison = await (await _host.AsAsync(Roles.Viewer)).GetJsonAsync(output);
        var comparisonId = comparison.GetProperty("id").GetString()!;
        Assert.Equal((2, 1, 30), (comparison.GetProperty("challenger").GetProperty("version").GetInt32(),
            comparison.GetProperty("champion").GetProperty("version").GetInt32(), comparison.GetProperty("holdout").GetProperty("rows").GetInt32()));
        Assert.Contains(comparison.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "auc");
        var listed = (await scientist.GetJsonAsync($"/api/v1/use-cases/{Name}/comparisons")).GetProperty("comparisons").EnumerateArray();
        Assert.Equal(comparisonId, Assert.Single(listed).GetProperty("id").GetString());

        var endpoint = await scientist.GetJsonAsync($"/api/v1/endpoints/{Name}");
        var shadow = Assert.Single(endpoint.GetProperty("variants").EnumerateArray(), v => v.GetProperty("shadow").GetBoolean());
        Assert.Equal(("shadow", $"{Name}:2"), (shadow.GetProperty("name").GetString(), shadow.GetProperty("model").GetString()));

        // Promotion on the comparison: only an approver, only the version it compared.
        var approver = await _host.AsAsync(Roles.Approver);
        var production = $"/api/v1/models/{Name}/aliases/production";
        await Problem.AssertAsync(await scientist.PutJsonAsync(production, new { version = 2, comparisonId, reason = "pays more" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await approver.PutJsonAsync(production, new { version = 1, comparisonId, reason = "pays more" }), HttpStatusCode.Conflict, "comparisonId");
        await Problem.AssertAsync(await approver.PutJsonAsync(production, new { version = 2, comparisonId }), HttpStatusCode.BadRequest, "reason");
        var promoted = await (await approver.PutJsonAsync(production, new { version = 2, comparisonId, reason = "pays more on fresh production data" })).JsonAsync();
        Assert.Equal(("assigned", 2), (promoted.GetProperty("transition").GetString(), promoted.GetProperty("toVersion").GetInt32()));

        var approval = Assert.Single((await scientist.GetJsonAsync($"/api/v1/models/{Name}/promotions")).GetProperty("promotions").EnumerateArray());
        Assert.Equal((comparisonId, false, "pays more on fresh production data"),
            (approval.GetProperty("comparisonId").GetString(), approval.GetProperty("override").GetBoolean(), approval.GetProperty("reason").GetString()));
        var added = comparison.GetProperty("value").GetProperty("perDayAdded").GetDouble();
        Assert.Equal(added, approval.GetProperty("valuePerDayAdded").GetDouble());
        var audit = Assert.Single((await _host.Admin().GetJsonAsync($"/api/v1/audit?subject=model:{Name}&action=promotion.approve")).GetProperty("entries").EnumerateArray());
        Assert.StartsWith("key:test-approver-", audit.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Equal(comparisonId, audit.GetProperty("details").GetProperty("comparison").GetString());
        Assert.Equal(added, audit.GetProperty("details").GetProperty("valuePerDayAdded").GetDouble());
        Assert.Equal(2, (await approver.GetJsonAsync($"/api/v1/models/{Name}")).GetProperty("aliases").GetProperty("production").GetInt32());
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (DateTime.UtcNow < deadline)
        {
            var job = await client.GetJsonAsync($"/api/v1/jobs/{id}");
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") return job;
            Assert.True(job.GetProperty("progress").GetProperty("rowsDone").GetInt64() >= 0);
            await Task.Delay(250);
        }
        throw new TimeoutException($"retrain job {id} did not finish in 8 minutes");
    }
}

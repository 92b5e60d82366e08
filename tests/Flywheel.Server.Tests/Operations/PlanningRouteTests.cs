using System.Net.Http.Json;
using System.Net;
using Flywheel.Operate.Requests;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Storage;

namespace Flywheel.Server.Tests.Operations;

/// <summary><c>/api/v1/use-cases/{name}/canvas</c> and <c>…/plan</c>: the canvas and its growth check, and marking plan steps done.</summary>
public class PlanningRouteTests
{
    [Fact]
    public async Task The_canvas_is_read_by_anyone_checked_against_the_evidence_and_changed_only_by_its_authors_with_a_fresh_fingerprint()
    {
        using var churn = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [churn.Path], RunJobs = false });
        var viewer = await host.AsAsync("viewer");
        const string path = "/api/v1/use-cases/telco-churn/canvas";

        var canvas = await viewer.GetJsonAsync(path);
        var fingerprint = canvas.GetProperty("fingerprint").GetString()!;
        Assert.Equal(Flywheel.UseCases.UseCaseEditor.Fingerprint(churn.File("flywheel.yaml")), fingerprint);
        Assert.Equal(["retention calls", "in-app offer"], canvas.GetProperty("canvas").GetProperty("blocks").GetProperty("channels").EnumerateArray().Select(i => i.GetString()));
        // Nothing is served yet: every stated condition linked to a fitting figure awaits its evidence.
        var check = canvas.GetProperty("check").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("flag").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["solves_problem"] = "awaiting evidence", ["moves_kpi"] = "awaiting evidence", ["more_data"] = "awaiting evidence" }, check);
        await Problem.AssertAsync(await viewer.GetAsync("/api/v1/use-cases/nothing/canvas"), HttpStatusCode.NotFound);

        var change = new
        {
            fingerprint,
            blocks = new Dictionary<string, string[]> { ["key_partners"] = ["CRM vendor", "コールセンター委託先"] },
            growth = new Dictionary<string, object?>
            {
                ["more_data"] = null,
                ["solves_problem"] = new { statement = "the offers reach the subscribers who would leave", metric = "model.recall" },
                ["moves_kpi"] = new { statement = "kept subscribers lower the replacement cost", metric = "data.labelled_total" },
            },
        };
        await Problem.AssertAsync(await viewer.PutJsonAsync(path, change), HttpStatusCode.Forbidden);

        // A Product Manager writes the canvas without a server role that deploys.
        var pmKey = await host.Store.Store.Keys.CreateAsync("aiko", "viewer", null, "test");
        await new TeamRequests(host.Store.Store).SetRolesAsync("key:aiko", ["product-manager"], "key:admin");
        var pm = host.WithKey(pmKey.Secret);
        await Problem.AssertAsync(await pm.PutJsonAsync(path, new { fingerprint, growth = new Dictionary<string, object> { ["moves_kpi"] = new { statement = "x", metric = "revenue" } } }),
            HttpStatusCode.BadRequest, "moves_kpi.metric");
        await Problem.AssertAsync(await pm.PutJsonAsync(path, new { fingerprint, blocks = new Dictionary<string, string[]> { ["mission"] = ["x"] } }), HttpStatusCode.BadRequest, "mission");
        await Problem.AssertAsync(await pm.PutJsonAsync(path, new { fingerprint }), HttpStatusCode.BadRequest, "blocks");
        await Problem.AssertAsync(await pm.PutJsonAsync(path, change with { fingerprint = new string('0', 64) }), HttpStatusCode.Conflict);

        var saved = await (await pm.PutJsonAsync(path, change)).JsonAsync();
        var text = File.ReadAllText(churn.File("flywheel.yaml"));
        Assert.Contains("コールセンター委託先", text);
        Assert.Contains("# The business model canvas of the workshop's", text);
        Assert.Contains("- retention calls", text);
        Assert.DoesNotContain("more_data", text);
        var flags = saved.GetProperty("check").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("flag").GetString());
        // Only what was named changed: more_data was cleared, and labelled data cannot evidence the KPI.
        Assert.Equal(("awaiting evidence", "no metric", "not stated"), (flags["solves_problem"], flags["moves_kpi"], flags["more_data"]));
        Assert.Equal(Flywheel.UseCases.UseCaseEditor.Fingerprint(churn.File("flywheel.yaml")), saved.GetProperty("fingerprint").GetString());
        await Problem.AssertAsync(await pm.PutJsonAsync(path, change), HttpStatusCode.Conflict);

        var audit = await host.Store.Store.QueryAuditAsync(new AuditQuery(Subject: "use-case:telco-churn", Action: "use-case.canvas.set"));
        var entry = Assert.Single(audit.Entries);
        Assert.Equal("key:aiko", entry.Actor);
        Assert.Contains("\"changed\":[\"key_partners\",\"moves_kpi\",\"more_data\"]", entry.DetailsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_step_is_marked_done_when_its_criterion_is_met_and_otherwise_only_by_an_approvers_override_with_a_reason()
    {
        using var churn = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [churn.Path], RunJobs = false });
        var viewer = await host.AsAsync("viewer");
        var scientist = await host.AsAsync("scientist");
        var approver = await host.AsAsync("approver");
        const string path = "/api/v1/use-cases/telco-churn/plan";

        var plan = await viewer.GetJsonAsync(path);
        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["manual-outreach", "service-calls-rule", "model"], steps.Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(["go", "go", "not judged yet"], steps.Select(s => s.GetProperty("verdict").GetString()));
        Assert.All(steps, s => Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("done").ValueKind));
        // The rule step is measured on the test split: 65 of the 106 test leavers reached.
        Assert.Equal(0.61320754717, plan.GetProperty("plan").GetProperty("steps")[1].GetProperty("metric").GetProperty("value").GetDouble(), 9);
        var fingerprint = plan.GetProperty("fingerprint").GetString();

        await Problem.AssertAsync(await viewer.PostAsJsonAsync(path + "/steps/manual-outreach/done", new { fingerprint }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await scientist.PostAsJsonAsync(path + "/steps/nothing/done", new { fingerprint }), HttpStatusCode.NotFound, "step");
        var marked = await (await scientist.PostAsJsonAsync(path + "/steps/manual-outreach/done", new { fingerprint })).JsonAsync();
        var done = marked.GetProperty("steps")[0].GetProperty("done");
        Assert.StartsWith("key:test-scientist-", done.GetProperty("by").GetString());
        Assert.False(done.GetProperty("override").GetBoolean());
        fingerprint = marked.GetProperty("fingerprint").GetString();

        // The model cannot be judged yet (none trained): the scientist is refused, the approver must override with a reason.
        await Problem.AssertAsync(await scientist.PostAsJsonAsync(path + "/steps/model/done", new { fingerprint }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await approver.PostAsJsonAsync(path + "/steps/model/done", new { fingerprint }), HttpStatusCode.BadRequest, "override");
        await Problem.AssertAsync(await approver.PostAsJsonAsync(path + "/steps/model/done", new { fingerprint, @override = true, reason = " " }), HttpStatusCode.BadRequest, "reason");
        await Problem.AssertAsync(await approver.PostAsJsonAsync(path + "/steps/model/done", new { fingerprint = new string('0', 64), @override = true, reason = "x" }), HttpStatusCode.Conflict);
        var overridden = await (await approver.PostAsJsonAsync(path + "/steps/model/done",
            new { fingerprint, @override = true, reason = "経営会議で先行着手を承認" })).JsonAsync();
        var modelDone = overridden.GetProperty("steps")[2].GetProperty("done");
        Assert.Equal((true, "経営会議で先行着手を承認"), (modelDone.GetProperty("override").GetBoolean(), modelDone.GetProperty("reason").GetString()));
        Assert.Contains("override: true, reason: \"経営会議で先行着手を承認\"", File.ReadAllText(churn.File("flywheel.yaml")));
        fingerprint = overridden.GetProperty("fingerprint").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await scientist.DeleteAsync($"{path}/steps/model/done?fingerprint={fingerprint}")).StatusCode);
        var undone = await (await approver.DeleteAsync($"{path}/steps/model/done?fingerprint={fingerprint}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, undone.GetProperty("steps")[2].GetProperty("done").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, undone.GetProperty("steps")[0].GetProperty("done").ValueKind);

        var audit = await host.Store.Store.QueryAuditAsync(new AuditQuery(Subject: "use-case:telco-churn"));
        Assert.Equal(2, audit.Entries.Count(e => e.Action == "use-case.plan-step.done"));
        Assert.Single(audit.Entries, e => e.Action == "use-case.plan-step.undone" && e.Actor.StartsWith("key:test-approver-", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Text.Json;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Operations;

[Collection(TrainedModelsCollection.Name)]
public class RegistryRouteTests(TrainedModels trained)
{
    [Fact]
    public async Task The_registry_lists_models_versions_with_metrics_and_a_versions_manifest_and_card()
    {
        using var folder = trained.Churn.Copy();
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var viewer = await host.AsAsync("viewer");
        var name = trained.Churn.Name;

        var models = (await viewer.GetJsonAsync("/api/v1/models")).GetProperty("models").EnumerateArray().ToList();
        var churn = models.Single(m => m.GetProperty("name").GetString() == name);
        Assert.Equal(1, churn.GetProperty("versions").GetInt32());
        Assert.Equal(1, churn.GetProperty("aliases").GetProperty("candidate").GetInt32());

        var detail = await viewer.GetJsonAsync($"/api/v1/models/{name}");
        var version = Assert.Single(detail.GetProperty("versions").EnumerateArray());
        Assert.Equal(["candidate"], version.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("binary", version.GetProperty("task").GetString());
        var metrics = version.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        Assert.Equal(["auc", "f1", "accuracy", "precision", "recall"], metrics.Keys);
        Assert.InRange(metrics["auc"], 0.5, 1);

        var full = await viewer.GetJsonAsync($"/api/v1/models/{name}/versions/1");
        Assert.Equal(version.GetProperty("packageId").GetString(), full.GetProperty("packageId").GetString());
        Assert.Contains(full.GetProperty("inputSchema").EnumerateArray(), c => c.GetProperty("name").GetString() == "account_length");
        Assert.Equal(2, full.GetProperty("classes").GetArrayLength());
        Assert.Equal(name, full.GetProperty("card").GetProperty("modelName").GetString());
        Assert.NotEqual(JsonValueKind.Null, full.GetProperty("decisionPolicy").ValueKind);
    }

    [Fact]
    public async Task A_use_case_that_names_promotion_approvers_keeps_production_until_they_approved_that_version()
    {
        using var folder = trained.Churn.Copy();
        File.AppendAllText(folder.File("flywheel.yaml"), "\napprovals: { promotion: [Model Risk Manager] }\n");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var approver = await host.AsAsync("approver");
        var name = trained.Churn.Name;
        var body = new { version = 1, @override = true, reason = "first model" };

        var refused = await Problem.AssertAsync(await approver.PutJsonAsync($"/api/v1/models/{name}/aliases/production", body), HttpStatusCode.Conflict, "approvals");
        Assert.Contains($"model:{name}/1", refused.GetProperty("detail").GetString());

        var asked = await (await approver.PostJsonAsync("/api/v1/requests",
            JsonSerializer.Serialize(new { subject = $"model:{name}/1", role = "model-risk-manager", kind = "approval", message = "bias checked?", due = DateTimeOffset.UtcNow.AddDays(2) }))).JsonAsync(HttpStatusCode.Created);
        await (await host.Admin().PostJsonAsync($"/api/v1/requests/{asked.GetProperty("id").GetInt64()}/answer", """{"decision": "approve", "answer": "checked"}""")).JsonAsync();

        var promoted = await (await approver.PutJsonAsync($"/api/v1/models/{name}/aliases/production", body)).JsonAsync();
        Assert.Equal(1, promoted.GetProperty("toVersion").GetInt32());
    }

    [Fact]
    public async Task Moving_production_needs_an_approver_other_aliases_a_scientist_and_each_move_is_audited()
    {
        using var folder = trained.Churn.Copy();
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var scientist = await host.AsAsync("scientist");
        var approver = await host.AsAsync("approver");
        var name = trained.Churn.Name;

        var staged = await (await scientist.PutJsonAsync($"/api/v1/models/{name}/aliases/staging", new { version = 1 })).JsonAsync();
        Assert.Equal("assigned", staged.GetProperty("transition").GetString());
        Assert.Equal(1, staged.GetProperty("toVersion").GetInt32());
        Assert.Equal("unchanged", (await (await scientist.PutJsonAsync($"/api/v1/models/{name}/aliases/staging", new { version = 1 })).JsonAsync()).GetProperty("transition").GetString());
        await Problem.AssertAsync(await scientist.PutJsonAsync($"/api/v1/models/{name}/aliases/production", new { version = 1 }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await scientist.PutJsonAsync($"/api/v1/models/{name}/aliases/@production", new { version = 1 }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await approver.PutJsonAsync($"/api/v1/models/{name}/aliases/staging", new { version = 1 }), HttpStatusCode.Forbidden);

        // A promotion says why (the comparison it was approved on, or an override with a reason).
        await Problem.AssertAsync(await approver.PutJsonAsync($"/api/v1/models/{name}/aliases/production", new { version = 1 }), HttpStatusCode.BadRequest, "reason");
        var promoted = await (await approver.PutJsonAsync($"/api/v1/models/{name}/aliases/production", new { version = 1, @override = true, reason = "first model, no champion to compare with" })).JsonAsync();
        Assert.Equal("assigned", promoted.GetProperty("transition").GetString());
        Assert.Equal(1, (await approver.GetJsonAsync($"/api/v1/models/{name}")).GetProperty("aliases").GetProperty("production").GetInt32());
        await Problem.AssertAsync(await scientist.DeleteAsync($"/api/v1/models/{name}/aliases/production"), HttpStatusCode.Forbidden);
        var removed = await (await scientist.DeleteAsync($"/api/v1/models/{name}/aliases/staging")).JsonAsync();
        Assert.Equal("removed", removed.GetProperty("transition").GetString());
        Assert.Equal(1, removed.GetProperty("fromVersion").GetInt32());

        var trail = (await host.Admin().GetJsonAsync($"/api/v1/audit?subject=model:{name}")).GetProperty("entries").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString())).ToList();
        Assert.Equal("alias.remove", trail[0].Action);
        Assert.StartsWith("key:test-scientist-", trail[0].Actor);
        Assert.StartsWith("key:test-approver-", trail[1].Actor);
        Assert.Equal(3, trail.Count(e => e.Action is "alias.set" or "alias.move" or "alias.remove" && e.Actor!.StartsWith("key:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unknown_models_versions_and_aliases_are_404_and_bad_alias_requests_400()
    {
        using var folder = trained.Churn.Copy();
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var admin = host.Admin();
        var name = trained.Churn.Name;

        await Problem.AssertAsync(await admin.GetAsync("/api/v1/models/no-such-model"), HttpStatusCode.NotFound, "model");
        await Problem.AssertAsync(await admin.GetAsync($"/api/v1/models/{name}/versions/99"), HttpStatusCode.NotFound, "version");
        await Problem.AssertAsync(await admin.GetAsync("/api/v1/models/no-such-model/versions/1"), HttpStatusCode.NotFound, "model");
        await Problem.AssertAsync(await admin.PutJsonAsync($"/api/v1/models/{name}/aliases/staging", new { version = 7 }), HttpStatusCode.NotFound, "version");
        await Problem.AssertAsync(await admin.PutJsonAsync("/api/v1/models/no-such-model/aliases/production", new { version = 1, @override = true, reason = "test" }), HttpStatusCode.NotFound, "model");
        await Problem.AssertAsync(await admin.PutJsonAsync($"/api/v1/models/{name}/aliases/Staging", new { version = 1 }), HttpStatusCode.BadRequest, "alias");
        await Problem.AssertAsync(await admin.PutJsonAsync($"/api/v1/models/{name}/aliases/staging", new { }), HttpStatusCode.BadRequest, "version");
        await Problem.AssertAsync(await admin.DeleteAsync($"/api/v1/models/{name}/aliases/archived"), HttpStatusCode.NotFound, "alias");
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/audit?subject=model:{name}&actor=key:admin")).GetProperty("entries").EnumerateArray());
    }
}

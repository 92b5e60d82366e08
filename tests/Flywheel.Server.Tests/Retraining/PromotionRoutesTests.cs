using System.Net;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Server.Tests.Retraining;

/// <summary>
/// Promotion to @production on evidence and rollback, through the registry's routes: an approver only, a comparison
/// or an override with a reason, each approval listed and audited. (Promotion on a retrain's comparison is in <see cref="RetrainRoutesTests"/>.)
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class PromotionRoutesTests(TrainedModels trained) : IAsyncLifetime
{
    private TempFolder _folder = null!;
    private TestHost _host = null!;

    private string Model => trained.Churn.Name;

    public async Task InitializeAsync()
    {
        _folder = trained.Churn.Copy();
        _host = await TestHost.StartAsync(new ServerOptions { UseCases = [_folder.Path], RunJobs = false });
    }

    /// <summary>A second version to promote over the first and roll back from (one trial: its quality does not matter here).</summary>
    private void TrainSecondVersion()
    {
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(_folder.Path), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 1));
        Assert.Equal($"{Model}:2", outcome.Version);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private string Production => $"/api/v1/models/{Model}/aliases/production";

    [Fact]
    public async Task Without_evidence_a_promotion_is_refused_and_only_an_approver_may_promote()
    {
        var approver = await _host.AsAsync(Roles.Approver);

        var conflict = await Problem.AssertAsync(await approver.PutJsonAsync(Production, new { version = 1, reason = "looks better" }), HttpStatusCode.Conflict, "comparisonId");
        Assert.Contains("override", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem.AssertAsync(await approver.PutJsonAsync(Production, new { version = 1, @override = true }), HttpStatusCode.BadRequest, "reason");
        await Problem.AssertAsync(await approver.PutJsonAsync(Production, new { version = 1, @override = true, reason = "   " }), HttpStatusCode.BadRequest, "reason");
        await Problem.AssertAsync(await approver.PutJsonAsync(Production, new { @override = true, reason = "no version" }), HttpStatusCode.BadRequest, "version");
        await Problem.AssertAsync(await approver.PutJsonAsync(Production, new { version = 1, comparisonId = Guid.NewGuid(), reason = "unknown comparison" }), HttpStatusCode.NotFound);
        foreach (var role in new[] { Roles.Scientist, Roles.Viewer, Roles.Reviewer, Roles.Invoker })
            await Problem.AssertAsync(await (await _host.AsAsync(role)).PutJsonAsync(Production, new { version = 1, @override = true, reason = "not mine to approve" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await _host.Anonymous().PutJsonAsync(Production, new { version = 1, @override = true, reason = "anonymous" }), HttpStatusCode.Unauthorized);

        Assert.False((await approver.GetJsonAsync($"/api/v1/models/{Model}")).GetProperty("aliases").TryGetProperty("production", out _));
        Assert.Empty((await approver.GetJsonAsync($"/api/v1/models/{Model}/promotions")).GetProperty("promotions").EnumerateArray());
        Assert.Empty(Entries(await _host.Admin().GetJsonAsync($"/api/v1/audit?subject=model:{Model}&action=promotion.approve")));
    }

    [Fact]
    public async Task An_approved_override_moves_the_alias_and_is_recorded_then_a_rollback_moves_it_back_and_is_audited()
    {
        TrainSecondVersion();
        var approver = await _host.AsAsync(Roles.Approver);
        var scientist = await _host.AsAsync(Roles.Scientist);

        var first = await (await approver.PutJsonAsync(Production, new { version = 1, @override = true, reason = "first model: no champion to compare with" })).JsonAsync();
        Assert.Equal(("assigned", 1), (first.GetProperty("transition").GetString(), first.GetProperty("toVersion").GetInt32()));
        Assert.True(first.GetProperty("approval").GetProperty("override").GetBoolean());
        var second = await (await approver.PutJsonAsync(Production, new { version = 2, @override = true, reason = "version 2 approved by hand" })).JsonAsync();
        Assert.Equal(("moved", 1, 2), (second.GetProperty("transition").GetString(), second.GetProperty("fromVersion").GetInt32(), second.GetProperty("toVersion").GetInt32()));

        await Problem.AssertAsync(await scientist.PostJsonAsync($"/api/v1/models/{Model}/rollback", """{"reason":"not mine"}"""), HttpStatusCode.Forbidden);
        var rolledBack = await (await approver.PostJsonAsync($"/api/v1/models/{Model}/rollback", """{"reason":"offers doubled overnight"}""")).JsonAsync();
        Assert.Equal(("moved", 2, 1), (rolledBack.GetProperty("transition").GetString(), rolledBack.GetProperty("fromVersion").GetInt32(), rolledBack.GetProperty("toVersion").GetInt32()));
        Assert.Equal(1, (await scientist.GetJsonAsync($"/api/v1/models/{Model}")).GetProperty("aliases").GetProperty("production").GetInt32());

        var promotions = (await scientist.GetJsonAsync($"/api/v1/models/{Model}/promotions")).GetProperty("promotions").EnumerateArray()
            .Select(p => (Kind: p.GetProperty("kind").GetString(), From: p.GetProperty("fromVersion").ValueKind == JsonValueKind.Null ? (int?)null : p.GetProperty("fromVersion").GetInt32(),
                To: p.GetProperty("toVersion").GetInt32(), Reason: p.GetProperty("reason").GetString(), Actor: p.GetProperty("actor").GetString()!)).ToList();
        Assert.Equal([("promote", null, 1), ("promote", 1, 2), ("rollback", 2, 1)], promotions.Select(p => (p.Kind, p.From, p.To)));
        Assert.Equal("offers doubled overnight", promotions[2].Reason);
        Assert.All(promotions, p => Assert.StartsWith("key:test-approver-", p.Actor, StringComparison.Ordinal));

        // The approver's steps, oldest first (training version 2 moved @candidate, as the trainer).
        var trail = Entries(await _host.Admin().GetJsonAsync($"/api/v1/audit?subject=model:{Model}"))
            .Where(e => e.GetProperty("actor").GetString()!.StartsWith("key:test-approver-", StringComparison.Ordinal))
            .Select(e => e.GetProperty("action").GetString()).Reverse().ToList();
        Assert.Equal(["alias.set", "promotion.approve", "alias.move", "promotion.approve", "alias.move", "promotion.rollback"], trail);
        var rollback = Entries(await _host.Admin().GetJsonAsync($"/api/v1/audit?subject=model:{Model}&action=promotion.rollback")).Single();
        var details = rollback.GetProperty("details");
        Assert.Equal((2, 1, "offers doubled overnight"), (details.GetProperty("before").GetInt32(), details.GetProperty("after").GetInt32(), details.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_rollback_without_an_earlier_production_version_is_a_409_and_an_unknown_model_a_404()
    {
        var approver = await _host.AsAsync(Roles.Approver);

        await Problem.AssertAsync(await approver.PostJsonAsync($"/api/v1/models/{Model}/rollback", "{}"), HttpStatusCode.Conflict, "model");
        await (await approver.PutJsonAsync(Production, new { version = 1, @override = true, reason = "first model" })).JsonAsync();
        await Problem.AssertAsync(await approver.PostJsonAsync($"/api/v1/models/{Model}/rollback", "{}"), HttpStatusCode.Conflict, "model");
        await Problem.AssertAsync(await approver.PostJsonAsync("/api/v1/models/no-such-model/rollback", "{}"), HttpStatusCode.NotFound, "model");
        await Problem.AssertAsync(await approver.GetAsync("/api/v1/models/no-such-model/promotions"), HttpStatusCode.NotFound, "model");
    }

    private static List<JsonElement> Entries(JsonElement page) => page.GetProperty("entries").EnumerateArray().ToList();
}

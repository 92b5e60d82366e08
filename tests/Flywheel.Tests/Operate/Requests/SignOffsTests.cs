using Flywheel.Operate.Requests;
using Flywheel.Operate.Retraining;
using Flywheel.Tests.Storage;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Operate.Requests;

/// <summary>The approval gates: the value is agreed only as signed, and a promotion waits for the roles the use case names.</summary>
public sealed class SignOffsTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private static UseCase Parse(string approvals = "", double items = 1000, string comment = "") => UseCaseLoader.Parse($"""
        name: fakes
        statement: As a buyer, I only ever see genuine items.
        value:
          parameters:
            items_per_day: {items} item/day {comment}
            fake_share: {"{"} value: 0.02, range: [0.01, 0.05], owner: Domain Expert, description: share of fakes {"}"}
          value: items_per_day * fake_share * 3000 JPY/item
        {approvals}
        """, "/tmp/fakes/flywheel.yaml");

    [Fact]
    public void The_fingerprint_follows_what_the_value_means_not_how_it_is_written()
    {
        var fingerprint = ValueFingerprint.Of(Parse().Value!);
        Assert.Equal(64, fingerprint.Length);
        Assert.Equal(fingerprint, ValueFingerprint.Of(Parse(comment: "# counted by the shop").Value!));
        Assert.NotEqual(fingerprint, ValueFingerprint.Of(Parse(items: 1001).Value!));
        Assert.Equal("value:fakes@" + fingerprint[..16], SignOffs.ValueSubject(Parse()));
    }

    [Fact]
    public void The_roles_come_from_approvals_and_a_role_that_is_none_is_named_at_its_place()
    {
        Assert.Equal(["product-manager"], SignOffs.ValueRoles(Parse()).Select(r => r.Id));
        Assert.Empty(SignOffs.PromotionRoles(Parse()));
        var both = Parse("approvals: { value: [Domain Expert, product-manager], promotion: [model-risk-manager] }");
        Assert.Equal(["domain-expert", "product-manager"], SignOffs.ValueRoles(both).Select(r => r.Id));
        Assert.Equal(["model-risk-manager"], SignOffs.PromotionRoles(both).Select(r => r.Id));

        var error = Assert.Throws<InputException>(() => SignOffs.PromotionRoles(Parse("approvals: { promotion: [Marketing] }")));
        Assert.Equal((8, 26), (error.Line, error.Column));
        Assert.Contains("'Marketing' is not a team role", error.Message);
        Assert.Contains("twice", Assert.Throws<InputException>(() => SignOffs.ValueRoles(Parse("approvals: { value: [product-manager, Product Manager] }"))).Message);
        Assert.Contains("unknown key 'training' in 'approvals'", Assert.Throws<InputException>(() => Parse("approvals: { training: [x] }")).Message);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task The_value_is_agreed_when_every_role_approved_it_as_it_is_and_changed_once_it_is_edited(string kind)
    {
        using var test = new TestStore(kind);
        var requests = new TeamRequests(test.Store);
        var signOffs = new SignOffs(test.Store);
        var useCase = Parse("approvals: { value: [product-manager, domain-expert] }");
        await requests.SetRolesAsync("user:pm", ["product-manager"], "key:admin");
        await requests.SetRolesAsync("user:de", ["domain-expert"], "key:admin");
        Assert.Equal(SignOffStates.Draft, (await signOffs.ValueAsync(useCase)).State);

        var subject = SignOffs.ValueSubject(useCase);
        var pm = await requests.AskAsync(new RequestAsk(subject, "product-manager", "approval", "Sign off the value?", Due, null), "user:ds");
        var de = await requests.AskAsync(new RequestAsk(subject, "domain-expert", "approval", "Is 2% fakes right?", Due, null), "user:ds");
        await requests.DecideAsync(pm.Id, approve: true, "ok", "user:pm", isAdmin: false);
        var half = await signOffs.ValueAsync(useCase);
        Assert.Equal(SignOffStates.Awaiting, half.State);
        Assert.Equal(["domain-expert"], half.Missing.Select(r => r.Id));

        await requests.DecideAsync(de.Id, approve: true, null, "user:de", isAdmin: false);
        Assert.Equal(SignOffStates.Agreed, (await signOffs.ValueAsync(useCase)).State);

        var edited = Parse("approvals: { value: [product-manager, domain-expert] }", items: 1200);
        var changed = await signOffs.ValueAsync(edited);
        Assert.Equal(SignOffStates.Changed, changed.State);
        Assert.Equal(de.Id, changed.EarlierApproval?.Id);

        var again = await requests.AskAsync(new RequestAsk(SignOffs.ValueSubject(edited), "domain-expert", "approval", "1200 now", Due, null), "user:ds");
        await requests.DecideAsync(again.Id, approve: false, "we sell 1000", "user:de", isAdmin: false);
        Assert.Equal(SignOffStates.Rejected, (await signOffs.ValueAsync(edited)).State);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_promotion_waits_for_the_sign_off_of_each_role_in_approvals_promotion(string kind)
    {
        using var test = new TestStore(kind);
        var catalog = new Flywheel.Registry.ModelCatalog(test.Store);
        foreach (var weights in new[] { "one", "two" })
            await catalog.RegisterAsync(catalog.Write(Flywheel.Tests.Registry.PackageSamples.Content("fakes", weights), test.Clock), "user:ds");
        var requests = new TeamRequests(test.Store);
        var useCase = Parse("approvals: { promotion: [model-risk-manager] }");
        var promotions = new Promotions(test.Store);
        var request = new PromotionRequest(2, Reason: "beats v1", Override: true);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => promotions.PromoteAsync("fakes", request, "user:approver", useCase: useCase));
        Assert.Equal("approvals", refused.Subject);
        Assert.Contains("Model Risk Manager", refused.Message);
        Assert.Contains("model:fakes/2", refused.Message);
        Assert.Empty(await promotions.ListAsync("fakes"));

        // Approving another version does not count; approving this one opens the gate.
        var other = await requests.AskAsync(new RequestAsk(SignOffs.ModelSubject("fakes", 1), "model-risk-manager", "approval", "v1?", Due, null), "user:ds");
        await requests.DecideAsync(other.Id, approve: true, null, "key:admin", isAdmin: true);
        await Assert.ThrowsAsync<ConflictException>(() => promotions.PromoteAsync("fakes", request, "user:approver", useCase: useCase));
        var ask = await requests.AskAsync(new RequestAsk(SignOffs.ModelSubject("fakes", 2), "model-risk-manager", "approval", "v2?", Due, null), "user:ds");
        await requests.DecideAsync(ask.Id, approve: true, "bias checked", "key:admin", isAdmin: true);
        var outcome = await promotions.PromoteAsync("fakes", request, "user:approver", useCase: useCase);
        Assert.Equal(2, outcome.Approval.ToVersion);

        // A use case that names no promotion roles keeps promotion as it was: the approver's decision alone.
        Assert.Equal(2, (await promotions.PromoteAsync("fakes", request, "user:approver", useCase: Parse())).Approval.ToVersion);
    }
}

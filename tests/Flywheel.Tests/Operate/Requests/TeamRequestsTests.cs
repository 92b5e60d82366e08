using System.Text.Json;
using Flywheel.Data.Diagnosis;
using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Flywheel.Tests.Storage;

namespace Flywheel.Tests.Operate.Requests;

/// <summary>Requests and people's team roles on every store kind: asked, listed in the holder's inbox, answered once, audited.</summary>
public sealed class TeamRequestsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_workshop_has_eighteen_roles_and_the_owners_written_in_findings_and_use_cases_map_onto_them()
    {
        Assert.Equal(18, TeamRoles.All.Count);
        Assert.Equal(18, TeamRoles.All.Select(r => r.Id).Distinct().Count());
        Assert.Equal("domain-expert", TeamRoles.Find(AskRoles.DomainExpert)?.Id);
        Assert.Equal("data-engineer", TeamRoles.Find(AskRoles.DataEngineer)?.Id);
        Assert.Equal("model-risk-manager", TeamRoles.Find(AskRoles.ModelRiskManager)?.Id);
        Assert.Equal("data-analyst", TeamRoles.Find("Data Analyst")?.Id);
        Assert.Equal("ai-ml-architect", TeamRoles.Find("AI/ML Architect")?.Id);
        Assert.Equal("domain-expert", TeamRoles.Find("業務有識者")?.Id);
        Assert.Null(TeamRoles.Find("Marketing"));
        Assert.Equal("role", Assert.Throws<InputException>(() => TeamRoles.Parse("Marketing")).File);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_request_reaches_the_inbox_of_the_person_holding_the_role_and_only_they_or_an_admin_answer_it(string kind)
    {
        using var test = new TestStore(kind);
        var requests = new TeamRequests(test.Store);
        await requests.SetRolesAsync("user:hana", ["domain expert", "data-analyst"], "key:admin");

        var late = await requests.AskAsync(new RequestAsk("parameter:telco-churn/churn_rate", "domain expert", "information", "Is 14% right for 2026?", Start.AddDays(2), "/value/telco-churn"), "key:pm");
        var soon = await requests.AskAsync(new RequestAsk("finding:telco-churn/leakage/churn", "data-analyst", "review", "Check this column", Start.AddDays(1), "https://evil.example/"), "key:pm");
        var other = await requests.AskAsync(new RequestAsk("model:telco-churn/2", "model-risk-manager", "approval", "Promote v2?", Start.AddDays(3), null), "key:pm");
        Assert.Equal(("domain-expert", "/value/telco-churn", "open"), (late.Role, late.ReturnUrl, late.Status));
        Assert.Null(soon.ReturnUrl); // only a path on this site is kept

        // Open first, soonest due first; the model risk manager's request is not hers.
        var inbox = await requests.InboxAsync("user:hana");
        Assert.Equal([soon.Id, late.Id], inbox.Select(r => r.Id));
        test.Clock.Advance(TimeSpan.FromDays(1.5));
        Assert.True((await requests.GetAsync(soon.Id)).IsOverdue(test.Clock.GetUtcNow()));
        Assert.False((await requests.GetAsync(late.Id)).IsOverdue(test.Clock.GetUtcNow()));

        await Assert.ThrowsAsync<NotTheAskedRoleException>(() => requests.AnswerAsync(late.Id, "yes", "user:taro", isAdmin: false));
        var answered = await requests.AnswerAsync(late.Id, "12% since the price change", "user:hana", isAdmin: false);
        Assert.Equal(("answered", "12% since the price change", "user:hana"), (answered.Status, answered.Answer, answered.AnsweredBy));
        Assert.Equal("status", (await Assert.ThrowsAsync<ConflictException>(() => requests.AnswerAsync(late.Id, "again", "user:hana", false))).Subject);
        Assert.Equal("decision", (await Assert.ThrowsAsync<InputException>(() => requests.AnswerAsync(other.Id, "ok", "key:admin", true))).File);
        var approved = await requests.DecideAsync(other.Id, approve: true, "fine", "key:admin", isAdmin: true);
        Assert.Equal("approved", approved.Status);
        Assert.Equal(other.Id, (await requests.ApprovalOfAsync("model:telco-churn/2"))?.Id);
        Assert.Null(await requests.ApprovalOfAsync("model:telco-churn/1"));
        await Assert.ThrowsAsync<NotFoundException>(() => requests.GetAsync(999));

        // Inbox after the answer: the open one first, then the answered one.
        Assert.Equal([soon.Id, late.Id], (await requests.InboxAsync("user:hana")).Select(r => r.Id));
        var summary = (await requests.SummariesAsync(["parameter:telco-churn/churn_rate", "parameter:none"]))["parameter:telco-churn/churn_rate"];
        Assert.Equal((0, 1, "12% since the price change"), (summary.Open, summary.Closed, summary.LatestAnswered?.Answer));

        var askTrail = await test.Store.AuditTrailAsync($"request:{late.Id}");
        Assert.Equal(["request.ask", "request.answer"], askTrail.Select(e => e.Action));
        Assert.Equal("key:pm", askTrail[0].Actor);
        Assert.Equal("parameter:telco-churn/churn_rate", JsonDocument.Parse(askTrail[1].DetailsJson).RootElement.GetProperty("Subject").GetString());
        Assert.Equal(["request.ask", "request.approve"], (await test.Store.AuditTrailAsync($"request:{other.Id}")).Select(e => e.Action));
        var roles = await test.Store.AuditTrailAsync("person:user:hana");
        Assert.Equal("person.roles", Assert.Single(roles).Action);
        Assert.Equal(["data-analyst", "domain-expert"], JsonDocument.Parse(roles[0].DetailsJson).RootElement.GetProperty("after").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData(null, "domain-expert", "information", "m", 1, "subject")]
    [InlineData("no-colon", "domain-expert", "information", "m", 1, "subject")]
    [InlineData("parameter:x/y", "Marketing", "information", "m", 1, "role")]
    [InlineData("parameter:x/y", "domain-expert", "chat", "m", 1, "kind")]
    [InlineData("parameter:x/y", "domain-expert", "work", " ", 1, "message")]
    [InlineData("parameter:x/y", "domain-expert", "work", "m", null, "due")]
    [InlineData("parameter:x/y", "domain-expert", "work", "m", -3, "due")]
    public void A_bad_ask_names_its_field(string? subject, string role, string kind, string message, int? dueInDays, string field)
    {
        var ask = new RequestAsk(subject, role, kind, message, dueInDays is { } days ? Start.AddDays(days) : null, null);
        Assert.Equal(field, Assert.Throws<InputException>(() => TeamRequests.Validate(ask, Start)).File);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_local_account_signs_in_with_its_password_is_locked_after_five_wrong_ones_and_a_disabled_one_cannot(string kind)
    {
        using var test = new TestStore(kind);
        var users = new UserAccounts(test.Store);
        var hana = await users.CreateAsync("hana", Roles.Viewer, "correct horse battery", "key:admin");
        Assert.Equal("name", (await Assert.ThrowsAsync<ConflictException>(() => users.CreateAsync("hana", Roles.Viewer, "another password", "key:admin"))).Subject);
        Assert.Equal("password", (await Assert.ThrowsAsync<InputException>(() => users.CreateAsync("taro", Roles.Viewer, "short", "key:admin"))).File);
        Assert.Equal("role", (await Assert.ThrowsAsync<InputException>(() => users.CreateAsync("taro", "root", "long enough pass", "key:admin"))).File);
        Assert.Equal("name", (await Assert.ThrowsAsync<InputException>(() => users.CreateAsync("a b", Roles.Viewer, "long enough pass", "key:admin"))).File);

        Assert.Equal("hana", (await users.SignInAsync("hana", "correct horse battery")).User?.Name);
        Assert.Equal("unknown user", (await users.SignInAsync("nobody", "correct horse battery")).Refusal);
        for (var attempt = 1; attempt < UserAccounts.MaxFailures; attempt++) Assert.Equal("wrong password", (await users.SignInAsync("hana", "wrong")).Refusal);
        Assert.Equal("wrong password; locked out", (await users.SignInAsync("hana", "wrong")).Refusal);
        Assert.Equal("locked out", (await users.SignInAsync("hana", "correct horse battery")).Refusal);
        test.Clock.Advance(UserAccounts.LockoutFor + TimeSpan.FromSeconds(1));
        Assert.True((await users.SignInAsync("hana", "correct horse battery")).Succeeded);

        var reset = await users.ResetPasswordAsync("hana", "a new long password", "key:admin");
        Assert.NotEqual(hana.Stamp, reset.Stamp); // sessions opened before end
        Assert.False((await users.SignInAsync("hana", "correct horse battery")).Succeeded);
        Assert.True((await users.SignInAsync("hana", "a new long password")).Succeeded);
        await users.DisableAsync("hana", "key:admin");
        Assert.Equal("disabled", (await users.SignInAsync("hana", "a new long password")).Refusal);
        Assert.Equal(["user.create", "user.locked", "user.reset-password", "user.disable"], (await test.Store.AuditTrailAsync("user:hana")).Select(e => e.Action));
        Assert.DoesNotContain("a new long password", string.Concat((await test.Store.AuditTrailAsync()).Select(e => e.DetailsJson)));
    }
}

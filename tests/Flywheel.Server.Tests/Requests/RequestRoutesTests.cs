using System.Net;
using System.Net.Http.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Requests;

/// <summary>/api/v1/requests and /api/v1/people: who may ask and answer, the 400s naming their field, 404, 403, the audit.</summary>
public class RequestRoutesTests
{
    [Fact]
    public async Task A_request_asked_of_a_domain_expert_is_answered_by_the_person_holding_the_role_and_by_no_one_else()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var admin = host.Admin();
        var expert = await host.Store.Store.Keys.CreateAsync("expert", Roles.Viewer, null, "test");
        var asker = await host.AsAsync(Roles.Scientist);
        var due = DateTimeOffset.UtcNow.AddDays(3);

        var asked = await (await asker.PostAsJsonAsync("/api/v1/requests", new { subject = "parameter:telco-churn/churn_rate", role = "domain expert", kind = "information", message = "Still 14%?", due }))
            .JsonAsync(HttpStatusCode.Created);
        var id = asked.GetProperty("id").GetInt64();
        Assert.Equal(("domain-expert", "open"), (asked.GetProperty("role").GetString(), asked.GetProperty("status").GetString()));

        // The expert's key holds no team role yet: an empty inbox, and answering is refused.
        var expertClient = host.WithKey(expert.Secret);
        Assert.Empty((await expertClient.GetJsonAsync("/api/v1/requests/inbox")).GetProperty("requests").EnumerateArray());
        await Problem.AssertAsync(await expertClient.PostAsJsonAsync($"/api/v1/requests/{id}/answer", new { answer = "yes" }), HttpStatusCode.Forbidden);
        // Only an admin maps people to roles.
        Assert.Equal(HttpStatusCode.Forbidden, (await asker.PutAsJsonAsync("/api/v1/people/key:expert", new { roles = new[] { "domain-expert" } })).StatusCode);
        await Problem.AssertAsync(await admin.PutAsJsonAsync("/api/v1/people/key:expert", new { roles = new[] { "Marketing" } }), HttpStatusCode.BadRequest, "roles");
        (await admin.PutAsJsonAsync("/api/v1/people/key:expert", new { roles = new[] { "domain-expert" } })).EnsureSuccessStatusCode();

        var inbox = (await expertClient.GetJsonAsync("/api/v1/requests/inbox")).GetProperty("requests");
        Assert.Equal(id, Assert.Single(inbox.EnumerateArray()).GetProperty("id").GetInt64());
        await Problem.AssertAsync(await expertClient.PostAsJsonAsync($"/api/v1/requests/{id}/answer", new { answer = "ok", decision = "maybe" }), HttpStatusCode.BadRequest, "decision");
        var answered = await (await expertClient.PostAsJsonAsync($"/api/v1/requests/{id}/answer", new { answer = "12% since April" })).JsonAsync();
        Assert.Equal(("answered", "12% since April", "key:expert"), (answered.GetProperty("status").GetString(), answered.GetProperty("answer").GetString(), answered.GetProperty("answeredBy").GetString()));
        await Problem.AssertAsync(await expertClient.PostAsJsonAsync($"/api/v1/requests/{id}/answer", new { answer = "again" }), HttpStatusCode.Conflict, "status");
        await Problem.AssertAsync(await admin.PostAsJsonAsync("/api/v1/requests/999/answer", new { answer = "?" }), HttpStatusCode.NotFound, "id");
        await Problem.AssertAsync(await admin.GetAsync("/api/v1/requests/999"), HttpStatusCode.NotFound, "id");

        var onSubject = (await asker.GetJsonAsync("/api/v1/requests?subject=parameter:telco-churn/churn_rate")).GetProperty("requests");
        Assert.Equal("12% since April", Assert.Single(onSubject.EnumerateArray()).GetProperty("answer").GetString());
        Assert.Equal(18, (await asker.GetJsonAsync("/api/v1/team-roles")).GetArrayLength());
        // An application's invoke-only key may neither read nor ask.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.AsAsync(Roles.Invoker)).GetAsync("/api/v1/requests")).StatusCode);

        var audit = await admin.GetJsonAsync($"/api/v1/audit?subject=request:{id}");
        Assert.Equal(["request.answer", "request.ask"], audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("person.roles", Assert.Single((await admin.GetJsonAsync("/api/v1/audit?subject=person:key:expert")).GetProperty("entries").EnumerateArray()).GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("""{"role":"domain-expert","kind":"information","message":"m","due":"2099-01-01T00:00:00Z"}""", "subject")]
    [InlineData("""{"subject":"parameter:a/b","role":"cfo","kind":"information","message":"m","due":"2099-01-01T00:00:00Z"}""", "role")]
    [InlineData("""{"subject":"parameter:a/b","role":"domain-expert","kind":"gossip","message":"m","due":"2099-01-01T00:00:00Z"}""", "kind")]
    [InlineData("""{"subject":"parameter:a/b","role":"domain-expert","kind":"work","message":"m"}""", "due")]
    [InlineData("""{"subject":"parameter:a/b","role":"domain-expert","kind":"work","message":"m","due":"2001-01-01T00:00:00Z"}""", "due")]
    public async Task A_bad_request_is_a_400_naming_the_field(string body, string field)
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        await Problem.AssertAsync(await (await host.AsAsync(Roles.Viewer)).PostJsonAsync("/api/v1/requests", body), HttpStatusCode.BadRequest, field);
    }
}

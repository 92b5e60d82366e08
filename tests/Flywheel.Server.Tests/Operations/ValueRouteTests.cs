using System.Net;
using Flywheel.Operate.Requests;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Storage;

namespace Flywheel.Server.Tests.Operations;

/// <summary><c>/api/v1/use-cases/{name}/value</c>: the analysis and its sign-off, and parameter changes by the people allowed to make them.</summary>
public class ValueRouteTests
{
    [Fact]
    public async Task The_value_is_read_by_anyone_and_changed_only_by_a_scientist_or_the_parameters_owner_with_a_fresh_fingerprint()
    {
        using var churn = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [churn.Path], RunJobs = false });
        var viewer = await host.AsAsync("viewer");
        var scientist = await host.AsAsync("scientist");

        var value = await viewer.GetJsonAsync("/api/v1/use-cases/telco-churn/value");
        var fingerprint = value.GetProperty("fingerprint").GetString()!;
        Assert.Equal(Flywheel.UseCases.UseCaseEditor.Fingerprint(churn.File("flywheel.yaml")), fingerprint);
        Assert.Equal("draft", value.GetProperty("signOff").GetProperty("state").GetString());
        Assert.Equal(["product-manager"], value.GetProperty("signOff").GetProperty("missing").EnumerateArray().Select(r => r.GetString()));
        Assert.StartsWith("value:telco-churn@", value.GetProperty("signOff").GetProperty("subject").GetString());
        Assert.True(value.GetProperty("value").TryGetProperty("scenarios", out _));
        await Problem.AssertAsync(await viewer.GetAsync("/api/v1/use-cases/nothing/value"), HttpStatusCode.NotFound, "use case");

        const string path = "/api/v1/use-cases/telco-churn/value/parameters/";
        await Problem.AssertAsync(await viewer.PutJsonAsync(path + "churn_rate", new { value = 0.12, fingerprint }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await scientist.PutJsonAsync(path + "churn_rate", new { fingerprint }), HttpStatusCode.BadRequest, "value");
        await Problem.AssertAsync(await scientist.PutJsonAsync(path + "nobody", new { value = 1, fingerprint }), HttpStatusCode.NotFound, "parameter");
        await Problem.AssertAsync(await scientist.PutJsonAsync(path + "churn_rate", new { value = 0.12, fingerprint = new string('0', 64) }), HttpStatusCode.Conflict);

        var changed = await (await scientist.PutJsonAsync(path + "churn_rate", new { value = 0.12, fingerprint })).JsonAsync();
        Assert.Equal((0.1414, 0.12), (changed.GetProperty("before").GetDouble(), changed.GetProperty("after").GetDouble()));
        Assert.Contains("churn_rate: { value: 0.12, range: [0.10, 0.18]", File.ReadAllText(churn.File("flywheel.yaml")));
        // The fingerprint read before the change is stale now.
        await Problem.AssertAsync(await scientist.PutJsonAsync(path + "churn_rate", new { value = 0.13, fingerprint }), HttpStatusCode.Conflict);

        // churn_rate is owned by the Data Analyst: a person holding that team role may change it, not Marketing's parameters.
        var analystKey = await host.Store.Store.Keys.CreateAsync("hana", "viewer", null, "test");
        await new TeamRequests(host.Store.Store).SetRolesAsync("key:hana", ["data-analyst"], "key:admin");
        var analyst = host.WithKey(analystKey.Secret);
        var fresh = changed.GetProperty("fingerprint").GetString();
        Assert.Equal(0.15, (await (await analyst.PutJsonAsync(path + "churn_rate", new { value = 0.15, fingerprint = fresh })).JsonAsync()).GetProperty("after").GetDouble());
        await Problem.AssertAsync(await analyst.PutJsonAsync(path + "customers_per_day", new { value = 200 }), HttpStatusCode.Forbidden);

        var audit = await host.Store.Store.QueryAuditAsync(new AuditQuery(Subject: "use-case:telco-churn", Action: "use-case.parameter.set"));
        Assert.Equal(2, audit.Entries.Count);
        Assert.Contains(audit.Entries, e => e.Actor == "key:hana" && e.DetailsJson.Contains("\"after\":0.15", StringComparison.Ordinal));
    }
}

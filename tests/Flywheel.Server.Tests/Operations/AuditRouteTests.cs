using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Operations;

public class AuditRouteTests
{
    [Fact]
    public async Task The_audit_log_is_filtered_and_paged_newest_first()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var admin = host.Admin();
        var store = host.Store.Store;
        var before = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++) await store.AuditAsync("key:ops", "endpoint.update", "endpoint:churn", new { before = i, after = i + 1 });
        await store.AuditAsync("cli:alice", "settings.update", "settings", new { before = "a", after = "b" });
        var created = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "viewer-1", role = "viewer" })).JsonAsync(HttpStatusCode.Created);

        var all = await admin.GetJsonAsync("/api/v1/audit");
        Assert.Equal("newest-first", all.GetProperty("order").GetString());
        var entries = all.GetProperty("entries").EnumerateArray().ToList();
        // Newest first: the key created last leads, the admin key of the first start is last.
        Assert.Equal("key.create", entries[0].GetProperty("action").GetString());
        Assert.Equal($"key:{created.GetProperty("key").GetProperty("id").GetString()}", entries[0].GetProperty("subject").GetString());
        Assert.Equal("key:admin", entries[0].GetProperty("actor").GetString());
        Assert.Equal("viewer", entries[0].GetProperty("details").GetProperty("role").GetString());
        Assert.Equal("server", entries[^1].GetProperty("actor").GetString());
        var ids = entries.Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(9, entries.Count); // the 7 above, the admin key and the default endpoint of the first start
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);

        var updates = await admin.GetJsonAsync("/api/v1/audit?action=endpoint.update&subject=endpoint:churn&actor=key:ops");
        Assert.Equal([5, 4, 3, 2, 1], updates.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("details").GetProperty("after").GetInt32()));
        Assert.Equal("settings", Assert.Single((await admin.GetJsonAsync("/api/v1/audit?actor=cli:alice")).GetProperty("entries").EnumerateArray()).GetProperty("subject").GetString());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/audit?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}")).GetProperty("entries").EnumerateArray());
        Assert.Equal(7, (await admin.GetJsonAsync($"/api/v1/audit?since={Uri.EscapeDataString(before.ToString("O"))}")).GetProperty("entries").GetArrayLength());

        // Pages of 3 walk the same trail: 3 + 3 + 3, each page's next is the cursor of the following one.
        var paged = new List<long>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var answer = await admin.GetJsonAsync($"/api/v1/audit?limit=3{(after is null ? "" : "&after=" + after)}");
            paged.AddRange(answer.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            after = answer.GetProperty("next").ValueKind == JsonValueKind.Null ? null : answer.GetProperty("next").GetInt64().ToString();
            Assert.Equal(page < 2, after is not null);
        }
        Assert.Equal(ids, paged);
    }

    [Fact]
    public async Task Bad_audit_queries_name_the_parameter()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var admin = host.Admin();

        await Problem.AssertAsync(await admin.GetAsync("/api/v1/audit?limit=0"), HttpStatusCode.BadRequest, "limit");
        await Problem.AssertAsync(await admin.GetAsync("/api/v1/audit?limit=5000"), HttpStatusCode.BadRequest, "limit");
        await Problem.AssertAsync(await admin.GetAsync("/api/v1/audit?limit=ten"), HttpStatusCode.BadRequest, "limit");
        await Problem.AssertAsync(await admin.GetAsync("/api/v1/audit?after=-3"), HttpStatusCode.BadRequest, "after");
        await Problem.AssertAsync(await admin.GetAsync("/api/v1/audit?since=yesterday"), HttpStatusCode.BadRequest, "since");
        await Problem.AssertAsync(await (await host.AsAsync("approver")).GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
    }
}

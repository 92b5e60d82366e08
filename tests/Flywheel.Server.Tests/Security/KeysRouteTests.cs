using System.Net;
using System.Net.Http.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Security;

public class KeysRouteTests
{
    private static async Task<(TempFolder Folder, TestHost Host)> StartAsync()
    {
        var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        return (folder, await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false }));
    }

    [Fact]
    public async Task A_created_key_authenticates_with_its_role_until_it_is_revoked_and_every_change_is_audited()
    {
        var (folder, host) = await StartAsync();
        using var _ = folder;
        await using var __ = host;
        var admin = host.Admin();
        var expiry = DateTimeOffset.UtcNow.AddDays(30);

        var created = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "shop-app", role = "invoker", expiresAt = expiry })).JsonAsync(HttpStatusCode.Created);

        var id = created.GetProperty("key").GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith($"fw_{id}_", secret);
        Assert.Equal("invoker", created.GetProperty("key").GetProperty("role").GetString());
        Assert.Equal("key:admin", created.GetProperty("key").GetProperty("createdBy").GetString());
        Assert.True(created.GetProperty("key").GetProperty("active").GetBoolean());
        // An invoker may not read the registry: authenticated (403, not 401) with its role.
        var app = host.WithKey(secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/v1/models")).StatusCode);
        var listed = await admin.GetJsonAsync("/api/v1/keys");
        var entry = listed.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal(expiry.ToUnixTimeSeconds(), entry.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.DoesNotContain(secret, listed.GetRawText());
        Assert.Equal("shop-app", (await admin.GetJsonAsync($"/api/v1/keys/{id}")).GetProperty("name").GetString());

        var revoked = await (await admin.DeleteAsync($"/api/v1/keys/{id}")).JsonAsync();

        Assert.False(revoked.GetProperty("active").GetBoolean());
        await Problem.AssertAsync(await app.GetAsync("/api/v1/models"), HttpStatusCode.Unauthorized);
        var trail = await host.Store.Store.AuditTrailAsync($"key:{id}");
        Assert.Equal(["key.create", "key.revoke"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal("key:admin", e.Actor));
        Assert.Contains("\"before\":\"active\"", trail[1].DetailsJson);
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_the_last_admin_key_cannot_be_revoked()
    {
        var (folder, host) = await StartAsync();
        using var _ = folder;
        await using var __ = host;
        var admin = host.Admin();

        await Problem.AssertAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x", role = "superuser" }), HttpStatusCode.BadRequest, "role");
        await Problem.AssertAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x" }), HttpStatusCode.BadRequest, "role");
        await Problem.AssertAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { role = "viewer" }), HttpStatusCode.BadRequest, "name");
        await Problem.AssertAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x", role = "viewer", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }),
            HttpStatusCode.BadRequest, "expiresAt");
        await Problem.AssertAsync(await admin.PostJsonAsync("/api/v1/keys", """{"name":"x","role":"viewer","expiresAt":"next tuesday"}"""), HttpStatusCode.BadRequest, "expiresAt");
        await Problem.AssertAsync(await admin.PostJsonAsync("/api/v1/keys", """{"name":"x","role":"""), HttpStatusCode.BadRequest, "role");
        await Problem.AssertAsync(await admin.PostJsonAsync("/api/v1/keys", "[1,2]"), HttpStatusCode.BadRequest, "body");
        await Problem.AssertAsync(await admin.DeleteAsync("/api/v1/keys/nosuchkey000"), HttpStatusCode.NotFound);

        // The admin key is the only one: revoking it would lock everyone out.
        var adminId = (await host.Store.Store.Keys.FindBySecretAsync(TestHost.AdminSecret))!.Id;
        await Problem.AssertAsync(await admin.DeleteAsync($"/api/v1/keys/{adminId}"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/keys")).StatusCode);
        // With a second admin key, the first may go.
        var second = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "ops", role = Roles.Admin })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/keys/{adminId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.WithKey(second.GetProperty("secret").GetString()!).GetAsync("/api/v1/keys")).StatusCode);
        // The refused revocation left no audit entry; the one that happened did.
        var revocations = (await host.Store.Store.AuditTrailAsync($"key:{adminId}")).Where(e => e.Action == "key.revoke").ToList();
        Assert.Single(revocations);
    }
}

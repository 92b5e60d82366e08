using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.Logging;

namespace Flywheel.Server.Tests.Security;

public class NoSecretInLogsTests
{
    [Fact]
    public async Task Creating_using_and_refusing_keys_never_writes_a_secret_to_the_log()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        var logs = new LogCollector();
        var secrets = new List<string> { TestHost.AdminSecret };
        await using (var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false }, builder =>
                     {
                         builder.Logging.AddProvider(logs);
                         builder.Logging.SetMinimumLevel(LogLevel.Trace);
                     }))
        {
            var admin = host.Admin();
            foreach (var role in Roles.All)
            {
                var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = $"app-{role}", role });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
                secrets.Add(secret);
                Assert.NotEqual(HttpStatusCode.Unauthorized, (await host.WithKey(secret).GetAsync("/api/v1/models")).StatusCode);
            }
            // Refused: an unknown key shaped like ours, a malformed one, one in the X-Api-Key header, a revoked one.
            var unknown = "fw_unknownkey0_" + new string('z', 43);
            var malformed = "not-a-flywheel-key-" + Guid.NewGuid().ToString("N");
            secrets.Add(unknown);
            secrets.Add(malformed);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.WithKey(unknown).GetAsync("/api/v1/models")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.WithKey(malformed).GetAsync("/api/v1/models")).StatusCode);
            var header = host.Anonymous();
            header.DefaultRequestHeaders.Add("X-Api-Key", unknown);
            Assert.Equal(HttpStatusCode.Unauthorized, (await header.GetAsync("/api/v1/keys")).StatusCode);
            var keys = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/keys")).GetProperty("keys");
            var viewerId = keys.EnumerateArray().First(k => k.GetProperty("role").GetString() == Roles.Viewer).GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/keys/{viewerId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.WithKey(secrets[1 + Roles.All.ToList().IndexOf(Roles.Viewer)]).GetAsync("/api/v1/models")).StatusCode);
            // The listing itself holds no secret either.
            var listing = await admin.GetStringAsync("/api/v1/keys");
            Assert.DoesNotContain(secrets, s => listing.Contains(s, StringComparison.Ordinal));
        }

        var lines = logs.Lines;
        Assert.True(lines.Count > 20, $"the log should show the requests; it has {lines.Count} lines");
        Assert.Contains(lines, l => l.Contains("was not authenticated", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal) || l.Contains(secret[^20..], StringComparison.Ordinal));
            Assert.True(leak is null, $"a log line shows a key secret: {leak}");
        }
    }
}

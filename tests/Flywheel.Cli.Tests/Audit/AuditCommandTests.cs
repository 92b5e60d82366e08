using System.Text.Json;
using Flywheel.Storage;

namespace Flywheel.Cli.Tests.Audit;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-audit-{Guid.NewGuid():N}");

    public AuditCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Audit_prints_the_filtered_log_newest_first_as_json()
    {
        var store = MetadataStore.ForUseCase(_folder);
        await store.AuditAsync("key:ops", "endpoint.update", "endpoint:churn", new { before = 1, after = 2 });
        await store.AuditAsync("cli:alice", "settings.update", "settings", new { before = "a", after = "b" });
        await store.AuditAsync("key:ops", "endpoint.update", "endpoint:churn", new { before = 2, after = 3 });

        var all = CliProcess.Run("audit", _folder, "--json");
        var filtered = CliProcess.Run("audit", _folder, "--json", "--action", "endpoint.update", "--limit", "1");

        Assert.Equal(0, all.ExitCode);
        var entries = JsonSerializer.Deserialize<JsonElement>(all.Stdout).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["endpoint.update", "settings.update", "endpoint.update"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(3, entries[0].GetProperty("details").GetProperty("after").GetInt32());
        var page = JsonSerializer.Deserialize<JsonElement>(filtered.Stdout);
        Assert.Equal(3, Assert.Single(page.GetProperty("entries").EnumerateArray()).GetProperty("details").GetProperty("after").GetInt32());
        Assert.Equal(entries[0].GetProperty("id").GetInt64(), page.GetProperty("next").GetInt64());
        var table = CliProcess.Run("audit", _folder, "--actor", "cli:alice");
        Assert.Contains("settings.update", table.Stdout);
        Assert.DoesNotContain("endpoint.update", table.Stdout);
    }

    [Fact]
    public void A_bad_filter_is_exit_2_naming_the_option()
    {
        MetadataStore.ForUseCase(_folder);
        var since = CliProcess.Run("audit", _folder, "--since", "last week");
        var limit = CliProcess.Run("audit", _folder, "--limit", "0");

        Assert.Equal(2, since.ExitCode);
        Assert.Contains("--since", since.Stderr);
        Assert.Equal(2, limit.ExitCode);
        Assert.Contains("limit", limit.Stderr);
    }
}

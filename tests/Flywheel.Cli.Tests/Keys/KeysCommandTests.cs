using System.Text.Json;
using Flywheel.Storage;

namespace Flywheel.Cli.Tests.Keys;

public sealed class KeysCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-keys-{Guid.NewGuid():N}");

    public KeysCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Keys_are_created_listed_and_revoked_in_the_store_audited_as_the_cli_user()
    {
        var created = CliProcess.Run("keys", "create", _folder, "--name", "ops", "--role", "admin", "--actor", "alice");
        Assert.Equal(0, created.ExitCode);
        var secret = created.Stdout.Trim();
        var store = MetadataStore.ForUseCase(_folder);
        var key = await store.Keys.FindBySecretAsync(secret);
        Assert.Equal("admin", key!.Role);

        var listed = JsonSerializer.Deserialize<JsonElement>(CliProcess.Run("keys", "list", _folder, "--json").Stdout);
        Assert.Equal(key.Id, Assert.Single(listed.GetProperty("keys").EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain(secret, listed.GetRawText());

        // The only admin key stays (exit 4, conflict); a bad role is bad input (exit 2) naming it.
        Assert.Equal(4, CliProcess.Run("keys", "revoke", _folder, "--id", key.Id).ExitCode);
        var badRole = CliProcess.Run("keys", "create", _folder, "--name", "x", "--role", "root");
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("role", badRole.Stderr);
        Assert.Equal(0, CliProcess.Run("keys", "create", _folder, "--name", "app", "--role", "invoker").ExitCode);
        var app = (await store.Keys.ListAsync()).Single(k => k.Name == "app");
        Assert.Equal(0, CliProcess.Run("keys", "revoke", _folder, "--id", app.Id, "--actor", "bob").ExitCode);

        var trail = await store.AuditTrailAsync($"key:{app.Id}");
        Assert.Equal(["key.create", "key.revoke"], trail.Select(e => e.Action));
        Assert.Equal("cli:bob", trail[1].Actor);
        Assert.Equal("cli:alice", (await store.AuditTrailAsync($"key:{key.Id}"))[0].Actor);
    }
}

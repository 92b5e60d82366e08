using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Storage.Access;

namespace Flywheel.Server.Tests.Security;

public class AdminKeyTests
{
    [Fact]
    public async Task First_start_creates_one_admin_key_stores_only_its_hash_and_writes_it_to_a_0600_file()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        var options = new ServerOptions { UseCases = [folder.Path] };
        var console = new StringWriter();
        var store = new ServerStore(options).Store;

        var secret = await AdminKey.EnsureAsync(store, options, console);

        Assert.NotNull(secret);
        Assert.StartsWith(ApiKeySecrets.Prefix, secret);
        Assert.Contains(secret, console.ToString()); // shown once
        var file = Path.Combine(options.StateFolder, AdminKey.FileName);
        Assert.Equal(secret, File.ReadAllText(file).Trim());
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var key = Assert.Single(await store.Keys.ListAsync());
        Assert.Equal(Roles.Admin, key.Role);
        // The database holds the hash, never the secret.
        var database = File.ReadAllBytes(Path.Combine(folder.Path, ".flywheel", "flywheel.db"));
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(database));
        Assert.Equal(key.Id, (await store.Keys.FindBySecretAsync(secret))!.Id);

        // A second start finds the key and creates nothing.
        Assert.Null(await AdminKey.EnsureAsync(store, options, new StringWriter()));
        Assert.Single(await store.Keys.ListAsync());
    }

    [Fact]
    public async Task The_initial_admin_key_can_be_given_for_automation()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        var options = new ServerOptions { UseCases = [folder.Path], AdminKey = "fw_automation00_secret-from-the-environment-0000000000000000" };
        var store = new ServerStore(options).Store;
        var console = new StringWriter();

        await AdminKey.EnsureAsync(store, options, console);

        Assert.DoesNotContain(options.AdminKey, console.ToString());
        var key = await store.Keys.FindBySecretAsync(options.AdminKey);
        Assert.Equal(Roles.Admin, key!.Role);
        Assert.Equal("automation00", key.Id);
        var trail = await store.AuditTrailAsync($"key:{key.Id}");
        Assert.Equal("key.create", Assert.Single(trail).Action);
    }

    [Fact]
    public async Task A_revoked_or_expired_key_is_no_longer_active()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        var store = new ServerStore(new ServerOptions { UseCases = [folder.Path] }).Store;
        var issued = await store.Keys.CreateAsync("app", Roles.Invoker, DateTimeOffset.UtcNow.AddMinutes(5), "test");
        Assert.True(issued.Key.IsActive(DateTimeOffset.UtcNow));
        Assert.False(issued.Key.IsActive(DateTimeOffset.UtcNow.AddMinutes(6)));

        var revoked = await store.Keys.RevokeAsync(issued.Key.Id, "test");

        Assert.False(revoked.IsActive(DateTimeOffset.UtcNow));
        Assert.Equal(["key.create", "key.revoke"], (await store.AuditTrailAsync($"key:{issued.Key.Id}")).Select(e => e.Action));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Keys.RevokeAsync("nosuchkey000", "test"));
        await Assert.ThrowsAsync<InputException>(() => store.Keys.CreateAsync("late", Roles.Viewer, DateTimeOffset.UtcNow.AddDays(-1), "test"));
    }
}

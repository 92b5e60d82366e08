using Flywheel.Storage;

namespace Flywheel.Tests.Storage;

/// <summary>Registrations racing from separate connections end as versions 1..N: no gaps, no duplicates, none lost.</summary>
public class ConcurrentRegistrationTests
{
    private const int Writers = 8;

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Concurrent_registrations_get_versions_one_to_n(string kind)
    {
        using var test = new TestStore(kind);
        var artifacts = Path.Combine(test.Folder, "artifacts");
        // Each writer its own store object, so its own connections: the race is in the database, not in one process's lock.
        var stores = Enumerable.Range(0, Writers).Select(_ => MetadataStore.Open(test.Store.Connection, artifacts)).ToList();
        using var start = new Barrier(Writers);

        var versions = await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await store.Models.RegisterVersionAsync(new NewModelVersion("churn", $"{i:x}".PadLeft(64, 'a'), $"{i}", $"writer-{i}"));
        })));

        Assert.Equal(Enumerable.Range(1, Writers), versions.Select(v => v.Version).Order());
        Assert.Equal(Enumerable.Range(1, Writers), (await test.Store.Models.ListVersionsAsync("churn")).Select(v => v.Version));
        Assert.Equal(Writers, (await test.Store.AuditTrailAsync("model:churn")).Count(e => e.Action == "model.register"));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task The_same_package_registered_at_once_is_one_version(string kind)
    {
        using var test = new TestStore(kind);
        var artifacts = Path.Combine(test.Folder, "artifacts");
        var stores = Enumerable.Range(0, Writers).Select(_ => MetadataStore.Open(test.Store.Connection, artifacts)).ToList();
        using var start = new Barrier(Writers);

        var versions = await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await store.Models.PublishAsync(new NewModelVersion("churn", new string('c', 64), "c", $"writer-{i}"), "candidate", null);
        })));

        Assert.All(versions, v => Assert.Equal(1, v.Version.Version));
        Assert.Single(await test.Store.Models.ListVersionsAsync("churn"));
        Assert.Equal([new ModelAlias("churn", "candidate", 1)], await test.Store.Models.ListAliasesAsync("churn"));
        Assert.Single(versions, v => v.AliasChange is not null);
    }
}

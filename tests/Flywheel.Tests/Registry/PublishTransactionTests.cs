using Flywheel.Registry;
using Flywheel.Storage;
using Flywheel.Tests.Storage;

namespace Flywheel.Tests.Registry;

/// <summary>Publishing commits the version, the alias and the run's end together, or none of them.</summary>
public class PublishTransactionTests
{
    private sealed class Crash(string point) : Exception($"crashed at {point}");

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_publish_commits_version_alias_run_end_and_audit_rows_at_once(string kind)
    {
        using var test = new TestStore(kind);
        var catalog = new ModelCatalog(test.Store);
        var run = await test.Store.Runs.StartRunAsync("churn", 1);

        var (package, published) = await catalog.PublishAsync(PackageSamples.Content(weights: "one"), "aiko", "candidate", run.Id, test.Clock);

        Assert.Equal((1, AliasTransition.Assigned, RunStatus.Finished), (published.Version.Version, published.AliasChange!.Transition, published.Run!.Status));
        Assert.Equal(package.Id, published.Version.PackagePath);
        Assert.Equal(["model.register", "alias.set"], (await test.Store.AuditTrailAsync("model:churn")).Select(e => e.Action));
        Assert.Equal(["run.start", "run.end"], (await test.Store.AuditTrailAsync($"run:{run.Id}")).Select(e => e.Action));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(test.Store.Artifacts.Root, FileArtifactStore.StagingFolderName)));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_crash_before_the_commit_leaves_the_old_state_and_the_next_open_removes_the_package(string kind)
    {
        using var test = new TestStore(kind);
        var root = Path.Combine(test.Folder, "artifacts");
        var crashing = MetadataStore.Open(test.Store.Connection, root, new StoreOptions
        {
            Clock = test.Clock,
            BeforeWrite = point => { if (point == WritePoints.PublishCommit) throw new Crash(point); },
        });
        var run = await crashing.Runs.StartRunAsync("churn", 1);

        await Assert.ThrowsAsync<Crash>(() => new ModelCatalog(crashing).PublishAsync(PackageSamples.Content(weights: "one"), "aiko", "candidate", run.Id, test.Clock));

        Assert.Empty(await test.Store.Models.ListVersionsAsync("churn"));
        Assert.Empty(await test.Store.Models.ListAliasesAsync("churn"));
        Assert.Equal(RunStatus.Running, (await test.Store.Runs.FindRunAsync(run.Id))!.Status);
        Assert.Empty(await test.Store.AuditTrailAsync("model:churn"));

        // The package was renamed into place before the commit, with a marker naming this (live) process: kept for now.
        var staging = Path.Combine(root, FileArtifactStore.StagingFolderName);
        var marker = Assert.Single(Directory.GetFiles(staging, "*.pending"));
        var packageId = File.ReadAllText(marker);
        MetadataStore.Open(test.Store.Connection, root, test.Clock);
        Assert.True(Directory.Exists(Path.Combine(root, packageId)));

        // The same marker from a process that is gone: the next open removes the unregistered package and the marker.
        File.Move(marker, Path.Combine(staging, $"{Environment.MachineName}~999999~dead.{packageId}.pending"));
        Directory.CreateDirectory(Path.Combine(staging, $"{Environment.MachineName}~999999~half-written"));
        MetadataStore.Open(test.Store.Connection, root, test.Clock);
        Assert.False(Directory.Exists(Path.Combine(root, packageId)));
        Assert.Empty(Directory.GetFileSystemEntries(staging));
    }
}

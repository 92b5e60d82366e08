using Flywheel.Registry;
using Flywheel.Storage;
using Flywheel.Tests.Storage;

namespace Flywheel.Tests.Registry;

public class ModelCatalogTests : IDisposable
{
    private readonly TestStore _test = new("sqlite");
    private readonly ModelCatalog _catalog;

    public ModelCatalogTests() => _catalog = new ModelCatalog(_test.Store);

    public void Dispose() => _test.Dispose();

    private async Task<ModelVersion> RegisterAsync(string weights)
    {
        var package = _catalog.Write(PackageSamples.Content(weights: weights), _test.Clock);
        return await _catalog.RegisterAsync(package, "aiko");
    }

    [Fact]
    public async Task References_resolve_by_alias_version_latest_and_path()
    {
        var v1 = await RegisterAsync("one");
        var v2 = await RegisterAsync("two");
        await _catalog.SetAliasAsync("churn:1", "production", "aiko");

        var byAlias = await _catalog.ResolveAsync("churn@production");
        var byVersion = await _catalog.ResolveAsync("churn:2");
        var latest = await _catalog.ResolveAsync("churn");
        var byPath = await _catalog.ResolveAsync(_test.Store.Artifacts.Get(v2.PackageId).Path);

        Assert.Equal((v1, v1.PackageId), (byAlias.Version, byAlias.Package.Id));
        Assert.Equal([new ModelAlias("churn", "production", 1)], byAlias.Aliases);
        Assert.Equal(v2, byVersion.Version);
        Assert.Equal(v2, latest.Version);
        Assert.Null(byPath.Version);
        Assert.Equal(v2.PackageId, byPath.Package.Id);
        Assert.Equal(v2.PackageId, v2.PackagePath);
    }

    [Fact]
    public async Task Promoting_through_references_moves_the_alias_and_leaves_an_audit_trail()
    {
        await RegisterAsync("one");
        await RegisterAsync("two");

        await _catalog.SetAliasAsync("churn:1", "@production", "aiko");
        await _catalog.SetAliasAsync("churn:2", "candidate", "ben");
        var promotion = await _catalog.SetAliasAsync("churn@candidate", "production", "carla");

        Assert.Equal((AliasTransition.Moved, 1, 2, "carla"), (promotion!.Transition, promotion.FromVersion!.Value, promotion.ToVersion!.Value, promotion.Actor));
        Assert.Equal(3, (await _test.Store.Models.AliasHistoryAsync("churn")).Count);
    }

    [Fact]
    public async Task A_registered_package_changed_on_disk_does_not_resolve()
    {
        var version = await RegisterAsync("one");
        File.AppendAllText(Path.Combine(_catalog.Store.Artifacts.Get(version.PackageId).Path, "model-card.md"), "\nedited");

        var error = await Assert.ThrowsAsync<InputException>(() => _catalog.ResolveAsync("churn:1"));

        Assert.Contains("modified after it was written", error.Message);
    }

    [Fact]
    public async Task A_version_is_found_without_opening_its_package_and_opening_it_still_verifies()
    {
        var version = await RegisterAsync("one");
        await RegisterAsync("two");
        await _catalog.SetAliasAsync("churn:1", "candidate", "aiko");
        File.AppendAllText(Path.Combine(_catalog.Store.Artifacts.Get(version.PackageId).Path, "model-card.md"), "\nedited");

        Assert.Equal(version, await _catalog.VersionAsync(ModelReference.Parse("churn@candidate")));
        Assert.Equal(2, (await _catalog.VersionAsync(ModelReference.Parse("churn"))).Version);
        Assert.Contains("modified after it was written", Assert.Throws<InputException>(() => _catalog.Open(version)).Message);
        await Assert.ThrowsAsync<InputException>(() => _catalog.VersionAsync(ModelReference.Parse(_test.Store.Artifacts.Get(version.PackageId).Path)));
        await Assert.ThrowsAsync<NotFoundException>(() => _catalog.VersionAsync(ModelReference.Parse("churn@production")));
    }

    [Fact]
    public async Task Unknown_models_are_input_errors()
    {
        await RegisterAsync("one");

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _catalog.ResolveAsync("fraud"));

        Assert.Equal("unknown model 'fraud'; registered models: churn", error.Message);
    }

    [Fact]
    public async Task A_use_case_folder_resolves_to_the_newest_version_in_its_own_store()
    {
        var folder = Path.Combine(_test.Folder, "usecase");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "flywheel.yaml"), "name: churn\nstatement: As a subscriber about to leave, I get an offer that keeps me.\n");
        var store = MetadataStore.ForUseCase(folder, storeSpec: "", artifactRoot: null, _test.Clock);
        var local = new ModelCatalog(store);
        await local.RegisterAsync(local.Write(PackageSamples.Content(weights: "one")), "aiko");
        var newest = await local.RegisterAsync(local.Write(PackageSamples.Content(weights: "two")), "aiko");

        var (catalog, reference) = ModelCatalog.ForReference(folder, useCaseDirectory: _test.Folder, options: "");
        var resolved = await catalog.ResolveAsync(reference);

        Assert.Equal(ModelReferenceKind.UseCaseFolder, reference.Kind);
        Assert.Equal(newest, resolved.Version);
        Assert.True(File.Exists(Path.Combine(folder, ".flywheel", "flywheel.db")));
        // Relative to the artifact root, never an absolute path: the folder can be moved.
        Assert.Equal(newest.PackageId, newest.PackagePath);
        Assert.StartsWith(Path.Combine(folder, ".flywheel", "artifacts"), resolved.Package.Path);
    }
}

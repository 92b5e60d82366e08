using Flywheel.Storage;

namespace Flywheel.Registry;

/// <summary>
/// The registry stage's way in: write packages into the store's artifacts, register them as versions, resolve
/// references and move aliases. Alias moves go through <see cref="IModelRegistry"/>, which audits each one.
/// Versions name their package by artifact id, never by an absolute path, so a store can be copied or moved.
/// </summary>
public sealed class ModelCatalog(MetadataStore store)
{
    public MetadataStore Store { get; } = store;

    /// <summary>
    /// The catalog to resolve <paramref name="reference"/> in: the store of the use-case folder it names, else the
    /// store of <paramref name="useCaseDirectory"/> (both with <paramref name="options"/>).
    /// </summary>
    public static (ModelCatalog Catalog, ModelReference Reference) ForReference(string reference, string useCaseDirectory, StoreOptions? options = null)
    {
        var parsed = ModelReference.Parse(reference);
        var directory = parsed.Kind == ModelReferenceKind.UseCaseFolder ? parsed.Path! : useCaseDirectory;
        return (new ModelCatalog(MetadataStore.ForUseCase(directory, options)), parsed);
    }

    public PackageRef Write(ModelPackageContent content, TimeProvider? clock = null) =>
        ModelPackageWriter.Write(content, Store.Artifacts, clock);

    /// <summary>
    /// Verifies the package and registers it as the next version of the model its manifest names. A package folder
    /// outside the artifact store is copied in first: the registry only ever points into its own store.
    /// </summary>
    public Task<ModelVersion> RegisterAsync(PackageRef package, string actor, Guid? runId = null, CancellationToken cancellationToken = default)
    {
        var opened = Import(ModelPackage.Open(package.Path));
        return Store.Models.RegisterVersionAsync(
            new NewModelVersion(opened.Manifest.ModelName, opened.Id, opened.Id, actor, runId), cancellationToken);
    }

    /// <summary>
    /// Writes the package and, in one transaction, registers it, points <paramref name="alias"/> at it and finishes
    /// <paramref name="runId"/>. The package is visible only once complete; if the process dies before the commit,
    /// the next open of the store removes it again.
    /// </summary>
    public async Task<(PackageRef Package, PublishedVersion Published)> PublishAsync(
        ModelPackageContent content, string actor, string alias, Guid? runId, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var pending = ModelPackageWriter.WritePending(content, Store.Artifacts, clock);
        var package = new PackageRef(pending.Artifact.Id, pending.Artifact.Path);
        var published = await Store.Models.PublishAsync(
            new NewModelVersion(content.ModelName, package.Id, package.Id, actor, runId), alias, runId, cancellationToken);
        Store.Artifacts.Release(pending);
        return (package, published);
    }

    public Task<ResolvedModel> ResolveAsync(string reference, CancellationToken cancellationToken = default) =>
        ResolveAsync(ModelReference.Parse(reference), cancellationToken);

    public async Task<ResolvedModel> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        if (reference.Kind == ModelReferenceKind.PackagePath) return new ResolvedModel(ModelPackage.Open(reference.Path!), null, []);
        var version = await VersionAsync(reference, cancellationToken);
        var aliases = (await Store.Models.ListAliasesAsync(version.ModelName, cancellationToken)).Where(a => a.Version == version.Version).ToList();
        return new ResolvedModel(Open(version), version, aliases);
    }

    /// <summary>The registered version a name, alias or version reference points at, without opening (and verifying) its package.</summary>
    public async Task<ModelVersion> VersionAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        if (reference.Kind == ModelReferenceKind.PackagePath)
            throw new InputException($"'{reference.Path}' is a package folder, not a registered version", "model reference");
        var name = reference.ModelName!;
        return reference.Kind switch
        {
            ModelReferenceKind.Alias => await Store.Models.ResolveAliasAsync(name, reference.Alias!, cancellationToken),
            ModelReferenceKind.Version => await Store.Models.GetVersionAsync(name, reference.Version!.Value, cancellationToken),
            _ => await LatestAsync(name, cancellationToken),
        };
    }

    /// <summary>
    /// The version's package, verified against the id it was registered with; with <paramref name="kept"/>, opened by
    /// <see cref="ModelPackage.OpenKept"/> (for readers that show it again and again, never for serving).
    /// </summary>
    public ModelPackage Open(ModelVersion version, bool kept = false)
    {
        // By id in this store's artifact root: rows written with an absolute path of another machine resolve too.
        var folder = Store.Artifacts.Get(version.PackageId).Path;
        var package = kept ? ModelPackage.OpenKept(folder) : ModelPackage.Open(folder);
        if (package.Id != version.PackageId)
            throw new InputException($"{version.Reference} was registered with package {version.PackageId}, but its folder now holds {package.Id}", folder);
        return package;
    }

    /// <summary>Points <paramref name="alias"/> at the version <paramref name="reference"/> resolves to. Null when it already pointed there.</summary>
    public async Task<AliasEvent?> SetAliasAsync(string reference, string alias, string actor, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(reference, cancellationToken);
        var version = resolved.Version
            ?? throw new InputException($"'{reference}' is a package that is not registered; register it before giving it an alias", "model reference");
        return await Store.Models.SetAliasAsync(version.ModelName, alias, version.Version, actor, cancellationToken);
    }

    private ModelPackage Import(ModelPackage package)
    {
        if (Store.Artifacts.Contains(package.Id)) return ModelPackage.Open(Store.Artifacts.Get(package.Id).Path);
        var copied = Store.Artifacts.StoreFolder(folder =>
        {
            foreach (var file in Directory.GetFiles(package.Path)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }, ModelPackageWriter.OutsideHash);
        return ModelPackage.Open(copied.Path);
    }

    private async Task<ModelVersion> LatestAsync(string name, CancellationToken cancellationToken)
    {
        var versions = await Store.Models.ListVersionsAsync(name, cancellationToken);
        if (versions.Count > 0) return versions[^1];
        var known = await Store.Models.ListModelNamesAsync(cancellationToken);
        throw new NotFoundException($"unknown model '{name}'; registered models: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}", "model");
    }
}

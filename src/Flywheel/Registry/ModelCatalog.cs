using Flywheel.Storage;

namespace Flywheel.Registry;

/// <summary>
/// The registry stage's way in: write packages into the store's artifacts, register them as versions, resolve
/// references and move aliases. Alias moves go through <see cref="IModelRegistry"/>, which audits each one.
/// </summary>
public sealed class ModelCatalog(MetadataStore store)
{
    public MetadataStore Store { get; } = store;

    /// <summary>
    /// The catalog to resolve <paramref name="reference"/> in: the store of the use-case folder it names, else the
    /// store of <paramref name="useCaseDirectory"/> (both honour <paramref name="storeSpec"/> and FLYWHEEL_STORE).
    /// </summary>
    public static (ModelCatalog Catalog, ModelReference Reference) ForReference(string reference, string useCaseDirectory, string? storeSpec = null)
    {
        var parsed = ModelReference.Parse(reference);
        var directory = parsed.Kind == ModelReferenceKind.UseCaseFolder ? parsed.Path! : useCaseDirectory;
        return (new ModelCatalog(MetadataStore.ForUseCase(directory, storeSpec)), parsed);
    }

    public PackageRef Write(ModelPackageContent content, TimeProvider? clock = null) =>
        ModelPackageWriter.Write(content, Store.Artifacts, clock);

    /// <summary>Verifies the package and registers it as the next version of the model its manifest names.</summary>
    public Task<ModelVersion> RegisterAsync(PackageRef package, string actor, Guid? runId = null, CancellationToken cancellationToken = default)
    {
        var opened = ModelPackage.Open(package.Path);
        return Store.Models.RegisterVersionAsync(
            new NewModelVersion(opened.Manifest.ModelName, opened.Id, opened.Path, actor, runId), cancellationToken);
    }

    public Task<ResolvedModel> ResolveAsync(string reference, CancellationToken cancellationToken = default) =>
        ResolveAsync(ModelReference.Parse(reference), cancellationToken);

    public async Task<ResolvedModel> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        if (reference.Kind == ModelReferenceKind.PackagePath) return new ResolvedModel(ModelPackage.Open(reference.Path!), null, []);
        var name = reference.ModelName!;
        var version = reference.Kind switch
        {
            ModelReferenceKind.Alias => await Store.Models.ResolveAliasAsync(name, reference.Alias!, cancellationToken),
            ModelReferenceKind.Version => await Store.Models.GetVersionAsync(name, reference.Version!.Value, cancellationToken),
            _ => await LatestAsync(name, cancellationToken),
        };
        var package = ModelPackage.Open(version.PackagePath);
        if (package.Id != version.PackageId)
            throw new InputException($"{version.Reference} was registered with package {version.PackageId}, but its folder now holds {package.Id}", version.PackagePath);
        var aliases = (await Store.Models.ListAliasesAsync(name, cancellationToken)).Where(a => a.Version == version.Version).ToList();
        return new ResolvedModel(package, version, aliases);
    }

    /// <summary>Points <paramref name="alias"/> at the version <paramref name="reference"/> resolves to. Null when it already pointed there.</summary>
    public async Task<AliasEvent?> SetAliasAsync(string reference, string alias, string actor, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(reference, cancellationToken);
        var version = resolved.Version
            ?? throw new InputException($"'{reference}' is a package that is not registered; register it before giving it an alias", "model reference");
        return await Store.Models.SetAliasAsync(version.ModelName, alias, version.Version, actor, cancellationToken);
    }

    private async Task<ModelVersion> LatestAsync(string name, CancellationToken cancellationToken)
    {
        var versions = await Store.Models.ListVersionsAsync(name, cancellationToken);
        if (versions.Count > 0) return versions[^1];
        var known = await Store.Models.ListModelNamesAsync(cancellationToken);
        throw new InputException($"unknown model '{name}'; registered models: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}", "model");
    }
}

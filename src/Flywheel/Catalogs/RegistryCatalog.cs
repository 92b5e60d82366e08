using Flywheel.Registry;
using Flywheel.Storage;
using Microsoft.Extensions.Logging;

namespace Flywheel.Catalogs;

/// <summary>The Registry stage: publish packages as versions, list models and versions, move aliases.</summary>
public sealed class RegistryCatalog
{
    private readonly FlywheelOptions _options;
    private readonly ILogger _log;
    private readonly Lazy<MetadataStore> _store;

    internal RegistryCatalog(FlywheelOptions options, Lazy<MetadataStore> store)
    {
        _options = options;
        _store = store;
        _log = options.LoggerFactory.CreateLogger("Flywheel.Registry");
    }

    private ModelCatalog Catalog() => new(_store.Value);

    /// <summary>Registers a package folder as the next version of its model.</summary>
    public async Task<ModelVersion> PublishAsync(string packageDirectory, Guid? runId = null, CancellationToken cancellation = default)
    {
        var package = ModelPackage.Open(packageDirectory);
        var version = await Catalog().RegisterAsync(new PackageRef(package.Id, package.Path), _options.Actor, runId, cancellation);
        _log.LogInformation("registered {Reference} (package {Package})", version.Reference, package.Id);
        return version;
    }

    public Task<IReadOnlyList<string>> ModelsAsync(CancellationToken cancellation = default) =>
        Catalog().Store.Models.ListModelNamesAsync(cancellation);

    public Task<IReadOnlyList<ModelVersion>> VersionsAsync(string model, CancellationToken cancellation = default) =>
        Catalog().Store.Models.ListVersionsAsync(model, cancellation);

    public Task<IReadOnlyList<ModelAlias>> AliasesAsync(string model, CancellationToken cancellation = default) =>
        Catalog().Store.Models.ListAliasesAsync(model, cancellation);

    /// <summary>Points <paramref name="alias"/> at the version <paramref name="reference"/> names (<c>churn:3</c>, <c>churn@candidate</c>).</summary>
    public async Task<AliasEvent?> SetAliasAsync(string reference, string alias, CancellationToken cancellation = default)
    {
        var moved = await Catalog().SetAliasAsync(reference, alias, _options.Actor, cancellation);
        _log.LogInformation("alias @{Alias} now points at {Reference}", alias, reference);
        return moved;
    }

    /// <summary>The package and version a reference names: <c>name</c>, <c>name:3</c>, <c>name@alias</c> or a package folder.</summary>
    public Task<ResolvedModel> ResolveAsync(string reference, CancellationToken cancellation = default) =>
        Catalog().ResolveAsync(reference, cancellation);
}

using System.Text.Json;
using Flywheel.Registry;
using Flywheel.Storage;
using Flywheel.Tasks;
using Flywheel.Workflows;

namespace Flywheel.Operate.Listings;

/// <summary>One model in the registry listing: how many versions, the newest, and where its aliases point.</summary>
public sealed record ModelListing(string Name, int Versions, int LatestVersion, DateTimeOffset LatestRegisteredAt, IReadOnlyDictionary<string, int> Aliases);

/// <summary>One version of a model as the model page shows it: who registered it, its aliases and its headline metrics.</summary>
public sealed record VersionListing(int Version, string PackageId, string RegisteredBy, DateTimeOffset RegisteredAt, Guid? RunId,
    IReadOnlyList<string> Aliases, string Task, string Trainer, IReadOnlyList<CardMetric> Metrics);

public sealed record ModelDetail(string Name, IReadOnlyList<VersionListing> Versions, IReadOnlyDictionary<string, int> Aliases);

/// <summary>A version in full: the manifest's essentials (what it needs as input, what it outputs, how it decides) and its model card.</summary>
public sealed record VersionDetail(string ModelName, int Version, string PackageId, string RegisteredBy, DateTimeOffset RegisteredAt, Guid? RunId,
    IReadOnlyList<string> Aliases, string Task, string Trainer, IReadOnlyList<InputColumn> InputSchema, IReadOnlyList<string> Classes,
    JsonElement? DecisionPolicy, JsonElement? Metrics, string TrainingDataFingerprint, LibraryVersions Libraries, int Seed, ModelCard Card);

/// <summary>
/// The registry as the server's API reads and changes it. Unknown models, versions and aliases are
/// <see cref="NotFoundException"/>s (the registry itself answers an unknown version with the versions there are);
/// alias changes go through the registry, which audits them with their before and after.
/// </summary>
public sealed class ModelListings(MetadataStore store)
{
    public async Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken = default)
    {
        var listings = new List<ModelListing>();
        foreach (var name in await store.Models.ListModelNamesAsync(cancellationToken))
        {
            var versions = await store.Models.ListVersionsAsync(name, cancellationToken);
            if (versions.Count == 0) continue;
            listings.Add(new ModelListing(name, versions.Count, versions[^1].Version, versions[^1].RegisteredAt, await AliasesAsync(name, cancellationToken)));
        }
        return listings;
    }

    public async Task<ModelDetail> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(name, cancellationToken);
        var aliases = await AliasesAsync(name, cancellationToken);
        var listed = versions.Select(v =>
        {
            var package = Open(v);
            return new VersionListing(v.Version, v.PackageId, v.RegisteredBy, v.RegisteredAt, v.RunId, AliasesOf(aliases, v.Version),
                package.Manifest.Task, package.Manifest.Trainer, Headline(package));
        }).ToList();
        return new ModelDetail(name, listed, aliases);
    }

    public async Task<VersionDetail> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        var found = await FindVersionAsync(name, version, cancellationToken);
        var aliases = await AliasesAsync(name, cancellationToken);
        var package = Open(found);
        var manifest = package.Manifest;
        return new VersionDetail(name, version, found.PackageId, found.RegisteredBy, found.RegisteredAt, found.RunId, AliasesOf(aliases, version),
            manifest.Task, manifest.Trainer, manifest.InputSchema, manifest.LabelMapping, manifest.DecisionPolicy, manifest.Metrics,
            manifest.TrainingDataFingerprint, manifest.Libraries, manifest.Seed, package.Card);
    }

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>; null when it already pointed there.</summary>
    public async Task<AliasEvent?> SetAliasAsync(string name, string alias, int version, string actor, CancellationToken cancellationToken = default)
    {
        var bare = RegistryNames.CheckAlias(alias);
        await FindVersionAsync(name, version, cancellationToken);
        return await store.Models.SetAliasAsync(name, bare, version, actor, cancellationToken);
    }

    public async Task<AliasEvent> RemoveAliasAsync(string name, string alias, string actor, CancellationToken cancellationToken = default)
    {
        var bare = RegistryNames.CheckAlias(alias);
        var aliases = await AliasesAsync((await VersionsAsync(name, cancellationToken))[0].ModelName, cancellationToken);
        if (!aliases.ContainsKey(bare))
            throw new NotFoundException($"model '{name}' has no alias '{bare}'; its aliases: {Known(aliases.Keys)}", "alias");
        return await store.Models.RemoveAliasAsync(name, bare, actor, cancellationToken);
    }

    /// <summary>The test metrics a reader looks for first, by task (as <c>flywheel models show</c> leads with them).</summary>
    public static IReadOnlyList<string> HeadlineMetrics(string task) => MlTasks.Parse(task) switch
    {
        MlTask.Binary => ["auc", "f1", "accuracy", "precision", "recall"],
        MlTask.Multiclass => ["accuracy", "f1_macro", "log_loss"],
        _ => ["rmse", "mae", "r2"],
    };

    // The headline test metrics of a package written by training; a package from elsewhere shows its card's figures.
    private static IReadOnlyList<CardMetric> Headline(ModelPackage package)
    {
        try
        {
            var test = StoredEvaluation.Load(package).Test;
            if ((object?)test?.Metrics is not null)
                return HeadlineMetrics(package.Manifest.Task).Select(name => test.Metric(name) is { } value ? new CardMetric(name, value) : null)
                    .OfType<CardMetric>().ToList();
        }
        catch (InputException)
        {
            // Not written by 'flywheel train': fall through to the card.
        }
        return package.Card.Metrics;
    }

    private ModelPackage Open(ModelVersion version) => ModelPackage.OpenKept(store.Artifacts.Get(version.PackageId).Path);

    private async Task<IReadOnlyList<ModelVersion>> VersionsAsync(string name, CancellationToken cancellationToken)
    {
        RegistryNames.CheckModelName(name, "name");
        var versions = await store.Models.ListVersionsAsync(name, cancellationToken);
        if (versions.Count > 0) return versions;
        var known = await store.Models.ListModelNamesAsync(cancellationToken);
        throw new NotFoundException($"unknown model '{name}'; registered models: {Known(known)}", "model");
    }

    private async Task<ModelVersion> FindVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(name, cancellationToken);
        return versions.FirstOrDefault(v => v.Version == version)
            ?? throw new NotFoundException($"model '{name}' has no version {version}; its versions: {Known(versions.Select(v => v.Version.ToString()))}", "version");
    }

    private async Task<IReadOnlyDictionary<string, int>> AliasesAsync(string name, CancellationToken cancellationToken) =>
        (await store.Models.ListAliasesAsync(name, cancellationToken)).ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal);

    private static IReadOnlyList<string> AliasesOf(IReadOnlyDictionary<string, int> aliases, int version) =>
        aliases.Where(a => a.Value == version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();

    private static string Known(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}

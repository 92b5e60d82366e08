using System.Collections.Concurrent;
using Flywheel.Operate.Inference;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;

namespace Flywheel.Operate.Review;

/// <summary>The package that answered a captured request, loaded for intake (to re-score the row and explain it).</summary>
public interface IReviewModels
{
    /// <summary>The model <paramref name="reference"/> (<c>churn:3</c>, as the capture records it) of <paramref name="endpoint"/>'s registry.</summary>
    Task<LoadedModel> LoadAsync(string endpoint, string reference, CancellationToken cancellation = default);
}

/// <summary>
/// Loads versions from the registry of the endpoint's use case (<paramref name="registryOf"/>), each once: a package
/// is immutable, so a loaded version serves every later intake run.
/// </summary>
public sealed class RegistryReviewModels(Func<string, CancellationToken, Task<MetadataStore>> registryOf) : IReviewModels
{
    private readonly ConcurrentDictionary<(string Endpoint, string Reference), Lazy<Task<LoadedModel>>> _loaded = new();

    /// <summary>One registry for every endpoint (the CLI: the use case's own store).</summary>
    public RegistryReviewModels(MetadataStore registry) : this((_, _) => Task.FromResult(registry)) { }

    public Task<LoadedModel> LoadAsync(string endpoint, string reference, CancellationToken cancellation = default)
    {
        var loading = _loaded.GetOrAdd((endpoint, reference), key => new Lazy<Task<LoadedModel>>(() => Load(key.Endpoint, key.Reference, cancellation)));
        if (loading.Value.IsFaulted) _loaded.TryRemove(new KeyValuePair<(string, string), Lazy<Task<LoadedModel>>>((endpoint, reference), loading));
        return loading.Value;
    }

    private async Task<LoadedModel> Load(string endpoint, string reference, CancellationToken cancellation)
    {
        var registry = await registryOf(endpoint, cancellation);
        var resolved = await new ModelCatalog(registry).ResolveAsync(reference, cancellation);
        return new LoadedModel(ScoringModel.Load(resolved.Package), resolved.Version?.Reference ?? reference, resolved.Package.Id, poolSize: 2);
    }
}

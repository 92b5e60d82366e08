using Flywheel.Operate.Endpoints;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Inference;

/// <summary>How the runtime polls and pools.</summary>
public sealed record EndpointRuntimeOptions
{
    /// <summary>How often the store is read for endpoint changes and alias moves (another process may move an alias).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Idle scorers kept per loaded package (0: twice the processor count, at least 4).</summary>
    public int PoolSize { get; init; }
}

/// <summary>
/// The endpoints a server serves, loaded: reads the definitions from the server's store, resolves each variant's
/// reference in its use case's registry, loads each package once (hash verified at load) and warms it, then swaps
/// the endpoint's snapshot atomically; requests in flight finish on the snapshot they took. <see cref="RefreshAsync"/>
/// runs every <see cref="EndpointRuntimeOptions.PollInterval"/> (<see cref="RunAsync"/>) and after a route changes
/// an endpoint or alias. A version that fails to load leaves the old one serving (and the error shown); an endpoint
/// with nothing loaded is not ready.
/// </summary>
public sealed class EndpointRuntime(MetadataStore serverStore, UseCaseStores stores, EndpointRuntimeOptions? options = null, ILogger? logger = null) : IEndpointModels
{
    private readonly EndpointRuntimeOptions _options = options ?? new EndpointRuntimeOptions();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal); // folder|package id → model, under _refreshing
    private volatile IReadOnlyDictionary<string, EndpointState> _endpoints = new Dictionary<string, EndpointState>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, EndpointState> Endpoints => _endpoints;

    /// <summary>True when there is at least one endpoint and every one has its live variants loaded.</summary>
    public bool Ready => _endpoints.Count > 0 && _endpoints.Values.All(e => e.Ready);

    public EndpointState Get(string name) => _endpoints.TryGetValue(name, out var state) ? state
        : throw new NotFoundException($"no endpoint named '{name}'; endpoints: {(_endpoints.Count == 0 ? "(none)" : string.Join(", ", _endpoints.Keys))}", "endpoint");

    /// <summary>The one endpoint (container mode: <c>/invocations</c>); several or none fail.</summary>
    public EndpointState Single() => _endpoints.Count switch
    {
        1 => _endpoints.Values.First(),
        0 => throw new InvocationException(InvocationFailure.NotReady, "the server has no endpoint yet"),
        _ => throw new InvocationException(InvocationFailure.Ambiguous,
            $"the server has {_endpoints.Count} endpoints ({string.Join(", ", _endpoints.Keys)}); call /endpoints/{{name}}/invocations"),
    };

    /// <summary>Creates the default endpoint of each served use case when absent (<see cref="EndpointDefinition.Default"/>).</summary>
    public async Task EnsureDefaultsAsync(IEnumerable<(string Name, string Folder)> useCases, string actor, CancellationToken cancellation = default)
    {
        foreach (var (name, folder) in useCases)
        {
            var aliases = (await stores.Get(folder).Models.ListModelNamesAsync(cancellation)).Contains(name, StringComparer.Ordinal)
                ? await stores.Get(folder).Models.ListAliasesAsync(name, cancellation) : [];
            var definition = EndpointDefinition.Default(name, Path.GetFullPath(folder), aliases.Any(a => a.Alias == EndpointDefinition.ProductionAlias));
            if (await serverStore.Endpoints.AddIfAbsentAsync(definition.Name, definition.UseCaseFolder, definition.ToJson(), actor, cancellation))
                _logger.LogInformation("created endpoint {Endpoint} serving {Model}", definition.Name, definition.Variants[0].Model);
        }
    }

    /// <summary>Polls the store until <paramref name="cancellation"/> fires; a failed refresh is logged and retried at the next tick.</summary>
    public async Task RunAsync(TimeProvider clock, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                try
                {
                    await RefreshAsync(cancellation);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    _logger.LogWarning(error, "reading the endpoints failed; retrying in {Interval}", _options.PollInterval);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the definitions and aliases now, loads what changed and swaps it in.</summary>
    public async Task RefreshAsync(CancellationToken cancellation = default)
    {
        await _refreshing.WaitAsync(cancellation);
        try
        {
            var records = await serverStore.Endpoints.ListAsync(cancellation);
            var next = new Dictionary<string, EndpointState>(StringComparer.Ordinal);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                var definition = EndpointDefinition.FromJson(record.Name, record.UseCaseFolder, record.ConfigJson);
                _endpoints.TryGetValue(record.Name, out var previous);
                var variants = new List<VariantState>();
                foreach (var variant in definition.Variants)
                    variants.Add(await LoadVariantAsync(definition, variant, previous, used, cancellation));
                next[record.Name] = new EndpointState(definition, variants);
            }
            _endpoints = next;
            foreach (var key in _loaded.Keys.Where(key => !used.Contains(key)).ToList()) _loaded.Remove(key);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public async Task<EndpointModel> ResolveAsync(string endpoint, string? variant = null, CancellationToken cancellation = default)
    {
        var state = Get(endpoint);
        VariantState chosen;
        try
        {
            chosen = variant is null ? state.Choose(null, Random.Shared.NextDouble())
                : state.Variants.FirstOrDefault(v => v.Variant.Name == variant) ?? throw new NotFoundException($"endpoint '{endpoint}' has no variant '{variant}'", "variant");
        }
        catch (RequestException error)
        {
            throw new NotFoundException(error.Message, "variant");
        }
        var reference = chosen.Model?.Reference
            ?? (await Version(stores.Get(state.Definition.UseCaseFolder), ModelReference.Parse(chosen.Variant.Model), cancellation)).Reference;
        return new EndpointModel(endpoint, chosen.Variant.Name, reference, state.Definition.UseCaseFolder);
    }

    /// <summary>Checks that every variant's reference resolves in the endpoint's registry now; an error names the variant (<c>variants[1].model</c>).</summary>
    public async Task CheckAsync(EndpointDefinition definition, CancellationToken cancellation = default)
    {
        var store = stores.Get(definition.UseCaseFolder);
        for (var i = 0; i < definition.Variants.Count; i++)
        {
            try
            {
                await Version(store, ModelReference.Parse(definition.Variants[i].Model), cancellation);
            }
            catch (NotFoundException error)
            {
                throw new InputException(error.Message, $"variants[{i}].model");
            }
        }
    }

    private async Task<VariantState> LoadVariantAsync(EndpointDefinition definition, EndpointVariant variant, EndpointState? previous, HashSet<string> used, CancellationToken cancellation)
    {
        var before = previous?.Variants.FirstOrDefault(v => v.Variant.Name == variant.Name && v.Variant.Model == variant.Model)?.Model;
        try
        {
            var store = stores.Get(definition.UseCaseFolder);
            var version = await Version(store, ModelReference.Parse(variant.Model), cancellation);
            var key = $"{Path.GetFullPath(definition.UseCaseFolder)}|{version.PackageId}";
            if (!_loaded.TryGetValue(key, out var model))
            {
                model = await Task.Run(async () =>
                {
                    var resolved = await new ModelCatalog(store).ResolveAsync(version.Reference, cancellation);
                    var loaded = new LoadedModel(ScoringModel.Load(resolved.Package), version.Reference, version.PackageId, _options.PoolSize);
                    loaded.Warm();
                    return loaded;
                }, cancellation);
                _loaded[key] = model;
                _logger.LogInformation("endpoint {Endpoint} variant {Variant} now serves {Model} ({Reference})", definition.Name, variant.Name, version.Reference, variant.Model);
            }
            used.Add(key);
            return new VariantState(variant, model, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Refreshed every few seconds: the same failure is warned about once, not on every refresh until someone trains a model.
            var level = previous?.Variants.FirstOrDefault(v => v.Variant.Name == variant.Name)?.Error == error.Message ? LogLevel.Debug : LogLevel.Warning;
            _logger.Log(level, "endpoint {Endpoint} variant {Variant} could not load {Model}: {Error}", definition.Name, variant.Name, variant.Model, error.Message);
            if (before is not null) used.Add(_loaded.FirstOrDefault(pair => pair.Value == before).Key ?? "");
            return new VariantState(variant, before, error.Message);
        }
    }

    private static async Task<ModelVersion> Version(MetadataStore store, ModelReference reference, CancellationToken cancellation) => reference.Kind switch
    {
        ModelReferenceKind.Alias => await store.Models.ResolveAliasAsync(reference.ModelName!, reference.Alias!, cancellation),
        ModelReferenceKind.Version => await store.Models.GetVersionAsync(reference.ModelName!, reference.Version!.Value, cancellation),
        ModelReferenceKind.Latest => (await store.Models.ListVersionsAsync(reference.ModelName!, cancellation)) is { Count: > 0 } versions ? versions[^1]
            : throw new NotFoundException($"model '{reference.ModelName}' has no versions", "model"),
        _ => throw new InputException($"'{reference.Text}' is not a registered model reference", "model"),
    };
}

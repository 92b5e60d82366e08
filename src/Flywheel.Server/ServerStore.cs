using Flywheel.Storage;

namespace Flywheel.Server;

/// <summary>
/// The server's one open store (keys, audit, deployments, jobs; and the registry when a team shares PostgreSQL),
/// opened once at start: opening migrates, recovers abandoned runs and scans artifact debris, which must not happen per request.
/// </summary>
public sealed class ServerStore(ServerOptions options)
{
    private readonly Lazy<MetadataStore> _store = new(() =>
        MetadataStore.ForUseCase(Path.GetFullPath(options.UseCases.Count > 0 ? options.UseCases[0] : "."), options.StoreOptions));

    public MetadataStore Store => _store.Value;

    public ServerOptions Options => options;
}

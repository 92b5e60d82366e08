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

    /// <summary>The served use case named <paramref name="name"/> as its file is now (read again on every call), or null.</summary>
    public Flywheel.UseCases.UseCase? FindUseCase(string name)
    {
        foreach (var folder in options.UseCases)
        {
            try
            {
                var useCase = Flywheel.UseCases.UseCaseLoader.Load(folder, new Flywheel.UseCases.UseCaseOptions(options.DataRoots));
                if (useCase.Name == name) return useCase;
            }
            catch (InputException)
            {
                // A broken file serves no use case; the use-case listing reports its error.
            }
        }
        return null;
    }
}

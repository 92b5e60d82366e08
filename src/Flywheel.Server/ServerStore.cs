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
    public Flywheel.UseCases.UseCase? FindUseCase(string name) => ServedUseCases().FirstOrDefault(u => u.Name == name);

    /// <summary>The served use cases whose files load, as they are now, in the order the server was given them.</summary>
    public IEnumerable<Flywheel.UseCases.UseCase> ServedUseCases()
    {
        foreach (var folder in options.UseCases)
        {
            Flywheel.UseCases.UseCase useCase;
            try
            {
                useCase = Flywheel.UseCases.UseCaseLoader.Load(folder, new Flywheel.UseCases.UseCaseOptions(options.DataRoots));
            }
            catch (InputException)
            {
                // A broken file serves no use case; the use-case listing reports its error.
                continue;
            }
            yield return useCase;
        }
    }
}

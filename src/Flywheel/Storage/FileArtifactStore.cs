namespace Flywheel.Storage;

/// <summary>Artifacts as folders on disk: <c>&lt;root&gt;/&lt;sha256&gt;/</c>; staging happens in <c>&lt;root&gt;/.staging/</c>.</summary>
public sealed class FileArtifactStore(string root) : IArtifactStore
{
    public const string EnvironmentVariable = "FLYWHEEL_ARTIFACTS";

    public string Root { get; } = Path.GetFullPath(root);

    public ArtifactRef StoreFolder(Action<string> write, IReadOnlySet<string>? excludedFromHash = null)
    {
        // Staging inside the root keeps the final move on one file system, where it is atomic.
        var staging = Path.Combine(Root, ".staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            var id = ContentHash.OfFolder(staging, excludedFromHash);
            var target = Path.Combine(Root, id);
            if (!Directory.Exists(target))
            {
                try
                {
                    Directory.Move(staging, target);
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    // Another writer stored the same content first; theirs is identical.
                }
            }
            return new ArtifactRef(id, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    public bool Contains(string id) => ContentHash.IsHash(id) && Directory.Exists(Path.Combine(Root, id));

    public ArtifactRef Get(string id)
    {
        if (!Contains(id)) throw new InputException($"the artifact store {Root} has no artifact '{id}'", "artifact");
        return new ArtifactRef(id, Path.Combine(Root, id));
    }
}

namespace Flywheel.Storage;

/// <summary>
/// Artifacts as folders on disk: <c>&lt;root&gt;/&lt;sha256&gt;/</c>. Staging happens in <c>&lt;root&gt;/.staging/</c>, in
/// folders named after the writing host and process, so debris of a dead writer can be told from live work.
/// </summary>
public sealed class FileArtifactStore(string root, StoreOptions? options = null) : IArtifactStore
{
    public const string EnvironmentVariable = "FLYWHEEL_ARTIFACTS";
    public const string StagingFolderName = ".staging";
    private const string PendingSuffix = ".pending";

    private readonly StoreOptions _options = options ?? new StoreOptions();

    public string Root { get; } = Path.GetFullPath(root);

    private string Staging => Path.Combine(Root, StagingFolderName);

    public ArtifactRef StoreFolder(Action<string> write, IReadOnlySet<string>? excludedFromHash = null) =>
        Store(write, excludedFromHash, pending: false).Artifact;

    public ArtifactRef StoreFiles(IReadOnlyDictionary<string, Action<Stream>> files, IReadOnlySet<string>? excludedFromHash = null) =>
        StoreFolder(folder =>
        {
            foreach (var (name, write) in files)
            {
                using var stream = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write);
                write(stream);
            }
        }, excludedFromHash);

    public PendingArtifact StorePending(Action<string> write, IReadOnlySet<string>? excludedFromHash = null) =>
        Store(write, excludedFromHash, pending: true);

    public void Release(PendingArtifact pending)
    {
        if (pending.Marker.Length > 0) File.Delete(pending.Marker);
    }

    private PendingArtifact Store(Action<string> write, IReadOnlySet<string>? excludedFromHash, bool pending)
    {
        // Staging inside the root keeps the final rename on one file system, where it is atomic.
        var owner = WriterTag.Current + "~" + Guid.NewGuid().ToString("N");
        var staging = Path.Combine(Staging, owner);
        Directory.CreateDirectory(staging);
        try
        {
            _options.Reach(WritePoints.PackageStage);
            write(staging);
            var id = ContentHash.OfFolder(staging, excludedFromHash);
            _options.Reach(WritePoints.PackageFsync);
            Durable.FlushFolder(staging);
            var target = Path.Combine(Root, id);
            var marker = "";
            if (!Directory.Exists(target))
            {
                // The marker names the artifact before it becomes visible: a crash after the rename is then recognisable.
                if (pending)
                {
                    marker = Path.Combine(Staging, $"{owner}.{id}{PendingSuffix}");
                    File.WriteAllText(marker, id);
                }
                _options.Reach(WritePoints.PackageRename);
                try
                {
                    Directory.Move(staging, target);
                    Durable.FlushFolder(Root, filesToo: false);
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    // Another writer stored the same content first; theirs is identical, and theirs to clean up.
                    if (marker.Length > 0) File.Delete(marker);
                    marker = "";
                }
            }
            return new PendingArtifact(new ArtifactRef(id, target), marker);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    public bool Contains(string id) => ContentHash.IsHash(id) && Directory.Exists(Path.Combine(Root, id));

    public ArtifactRef Get(string id)
    {
        if (!Contains(id)) throw new NotFoundException($"the artifact store {Root} has no artifact '{id}'", "artifact");
        return new ArtifactRef(id, Path.Combine(Root, id));
    }

    public Stream OpenRead(string id, string file)
    {
        var folder = Get(id).Path;
        var path = Path.GetFullPath(Path.Combine(folder, file));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InputException($"'{file}' is not a file inside artifact {id}", "artifact");
        if (!File.Exists(path)) throw new NotFoundException($"artifact {id} has no file '{file}'", "artifact");
        return File.OpenRead(path);
    }

    public int CleanDebris(Func<string, bool> isRegistered)
    {
        if (!Directory.Exists(Staging)) return 0;
        var removed = 0;
        foreach (var marker in Directory.GetFiles(Staging, "*" + PendingSuffix))
        {
            if (WriterTag.IsLive(Path.GetFileName(marker))) continue;
            var id = Path.GetFileName(marker)[..^PendingSuffix.Length].Split('.')[^1];
            var target = Path.Combine(Root, id);
            if (ContentHash.IsHash(id) && Directory.Exists(target) && !isRegistered(id))
            {
                Directory.Delete(target, recursive: true);
                removed++;
            }
            File.Delete(marker);
            removed++;
        }
        foreach (var folder in Directory.GetDirectories(Staging))
        {
            if (WriterTag.IsLive(Path.GetFileName(folder))) continue;
            Directory.Delete(folder, recursive: true);
            removed++;
        }
        return removed;
    }
}

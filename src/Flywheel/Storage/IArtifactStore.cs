namespace Flywheel.Storage;

/// <summary>An immutable artifact, named by the SHA-256 of its content; <see cref="Path"/> is where this store keeps it locally.</summary>
public sealed record ArtifactRef(string Id, string Path);

/// <summary>An artifact made visible by a publish that has not committed yet; see <see cref="IArtifactStore.StorePending"/>.</summary>
public sealed record PendingArtifact(ArtifactRef Artifact, string Marker);

/// <summary>
/// Content-addressed artifacts, addressed by id: what goes in is never changed, and the same content is stored once.
/// Callers read and write through ids and streams, so another backend (an object store) can replace the folder one.
/// </summary>
public interface IArtifactStore
{
    string Root { get; }

    /// <summary>
    /// Lets <paramref name="write"/> fill an empty staging folder, hashes it with <see cref="ContentHash.OfFolder"/>
    /// (skipping <paramref name="excludedFromHash"/>, relative paths), flushes it to disk and renames it to its id. If
    /// that artifact exists already the new copy is dropped. Nothing half-written is ever visible.
    /// </summary>
    ArtifactRef StoreFolder(Action<string> write, IReadOnlySet<string>? excludedFromHash = null);

    /// <summary>Stores an artifact of named files, each written through a stream.</summary>
    ArtifactRef StoreFiles(IReadOnlyDictionary<string, Action<Stream>> files, IReadOnlySet<string>? excludedFromHash = null);

    /// <summary>
    /// Like <see cref="StoreFolder"/>, but the artifact stays pending until <see cref="Release"/>: if the process dies
    /// first, the next <see cref="CleanDebris"/> removes it unless the registry knows it. This is how a publish leaves
    /// no unregistered package behind.
    /// </summary>
    PendingArtifact StorePending(Action<string> write, IReadOnlySet<string>? excludedFromHash = null);

    void Release(PendingArtifact pending);

    bool Contains(string id);

    /// <summary>The artifact, or a <see cref="NotFoundException"/> if the store has none with that id.</summary>
    ArtifactRef Get(string id);

    /// <summary>Reads one file of an artifact.</summary>
    Stream OpenRead(string id, string file);

    /// <summary>
    /// Removes what dead writers left: staging folders and temp files, and pending artifacts that
    /// <paramref name="isRegistered"/> does not know. Returns how many entries it removed.
    /// </summary>
    int CleanDebris(Func<string, bool> isRegistered);
}

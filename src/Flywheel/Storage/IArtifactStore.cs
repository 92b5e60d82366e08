namespace Flywheel.Storage;

/// <summary>An immutable folder in the artifact store, named by the SHA-256 of its content.</summary>
public sealed record ArtifactRef(string Id, string Path);

/// <summary>Content-addressed folders: what goes in is never changed, and the same content is stored once.</summary>
public interface IArtifactStore
{
    string Root { get; }

    /// <summary>
    /// Lets <paramref name="write"/> fill an empty staging folder, hashes it with <see cref="ContentHash.OfFolder"/>
    /// (skipping <paramref name="excludedFromHash"/>, relative paths) and moves it to <c>Root/&lt;hash&gt;</c>. If that
    /// folder already exists the new copy is dropped and the existing one returned. Nothing half-written is left.
    /// </summary>
    ArtifactRef StoreFolder(Action<string> write, IReadOnlySet<string>? excludedFromHash = null);

    bool Contains(string id);

    /// <summary>The folder of an artifact, or an <see cref="InputException"/> if the store has none with that id.</summary>
    ArtifactRef Get(string id);
}

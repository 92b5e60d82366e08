using Flywheel.Storage.Sql;

namespace Flywheel.Storage;

/// <summary>
/// The way into Flywheel's persistent state: runs, the model registry and artifacts, opened from one
/// <see cref="StoreConnection"/> and one artifact folder.
/// </summary>
public sealed class MetadataStore
{
    private MetadataStore(StoreConnection connection, IRunStore runs, IModelRegistry models, IArtifactStore artifacts)
    {
        Connection = connection;
        Runs = runs;
        Models = models;
        Artifacts = artifacts;
    }

    public StoreConnection Connection { get; }
    public IRunStore Runs { get; }
    public IModelRegistry Models { get; }
    public IArtifactStore Artifacts { get; }

    /// <summary>Opens (and creates if needed) the store: tables in the database, the artifact folder on disk.</summary>
    public static MetadataStore Open(StoreConnection connection, string artifactRoot, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var database = MetadataDatabase.Open(connection);
        return new MetadataStore(connection, new SqlRunStore(database, clock), new SqlModelRegistry(database, clock), new FileArtifactStore(artifactRoot));
    }

    /// <summary>
    /// The store of a use case folder: <paramref name="storeSpec"/> (<c>--store</c>) or <c>FLYWHEEL_STORE</c> or
    /// SQLite in <c>.flywheel/</c>; artifacts in <paramref name="artifactRoot"/> or <c>FLYWHEEL_ARTIFACTS</c> or
    /// <c>.flywheel/artifacts/</c>.
    /// </summary>
    public static MetadataStore ForUseCase(string useCaseDirectory, string? storeSpec = null, string? artifactRoot = null, TimeProvider? clock = null)
    {
        artifactRoot ??= Environment.GetEnvironmentVariable(FileArtifactStore.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(artifactRoot))
            artifactRoot = Path.Combine(useCaseDirectory, StoreConnection.StoreFolderName, "artifacts");
        return Open(StoreConnection.ForUseCase(useCaseDirectory, storeSpec), artifactRoot, clock);
    }
}

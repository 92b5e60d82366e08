using Flywheel.Storage.Sql;

namespace Flywheel.Storage;

/// <summary>
/// The way into Flywheel's persistent state: runs, the model registry and artifacts, opened from one
/// <see cref="StoreConnection"/> and one artifact folder. Opening migrates the schema, marks runs whose process died as
/// failed and removes what crashed writers left in the artifact root.
/// </summary>
public sealed class MetadataStore
{
    private readonly MetadataDatabase _database;

    private MetadataStore(StoreConnection connection, MetadataDatabase database, IRunStore runs, IModelRegistry models, IArtifactStore artifacts, StoreOptions options)
    {
        Keys = new SqlApiKeyStore(database, options.Clock ?? TimeProvider.System);
        Endpoints = new SqlEndpointStore(database, options.Clock ?? TimeProvider.System);
        HumanLabels = new SqlHumanLabels(database);
        Connection = connection;
        _database = database;
        Runs = runs;
        Models = models;
        Artifacts = artifacts;
        Options = options;
    }

    public StoreConnection Connection { get; }
    public IRunStore Runs { get; }
    public IModelRegistry Models { get; }
    public IArtifactStore Artifacts { get; }

    /// <summary>The server's API keys (hashes only).</summary>
    public Access.IApiKeyStore Keys { get; }

    /// <summary>The server's endpoint definitions (audited).</summary>
    public IEndpointStore Endpoints { get; }

    /// <summary>The labels people gave captured inferences: consolidated review decisions and feedback labels.</summary>
    public IHumanLabels HumanLabels { get; }
    public StoreOptions Options { get; }

    /// <summary>The database, for the later stages' own tables (Operate/Jobs).</summary>
    internal MetadataDatabase Database => _database;

    /// <summary>Opens (and creates or upgrades if needed) the store: tables in the database, the artifact folder on disk.</summary>
    public static MetadataStore Open(StoreConnection connection, string artifactRoot, TimeProvider? clock = null) =>
        Open(connection, artifactRoot, new StoreOptions { Clock = clock });

    public static MetadataStore Open(StoreConnection connection, string artifactRoot, StoreOptions options)
    {
        var clock = options.Clock ?? TimeProvider.System;
        var database = MetadataDatabase.Open(connection);
        var artifacts = new FileArtifactStore(artifactRoot, options);
        var store = new MetadataStore(connection, database, new SqlRunStore(database, clock, options),
            new SqlModelRegistry(database, clock, options), artifacts, options);
        store.Runs.FailAbandonedRunsAsync().GetAwaiter().GetResult();
        var registered = database.RegisteredArtifactIds();
        artifacts.CleanDebris(registered.Contains);
        return store;
    }

    /// <summary>
    /// The store of a use case folder: <see cref="StoreOptions.Store"/> (<c>--store</c>) or SQLite in
    /// <c>.flywheel/</c>; artifacts in <see cref="StoreOptions.ArtifactRoot"/> or <c>.flywheel/artifacts/</c>.
    /// The host decides what fills the options (the CLI reads FLYWHEEL_STORE and FLYWHEEL_ARTIFACTS).
    /// </summary>
    public static MetadataStore ForUseCase(string useCaseDirectory, StoreOptions? options = null)
    {
        options ??= new StoreOptions();
        var artifactRoot = string.IsNullOrWhiteSpace(options.ArtifactRoot)
            ? Path.Combine(useCaseDirectory, StoreConnection.StoreFolderName, "artifacts")
            : options.ArtifactRoot;
        MetadataStore OpenNow() => Open(StoreConnection.ForUseCase(useCaseDirectory, options.Store), artifactRoot, options);
        if (!options.ReuseOpened) return OpenNow();
        var key = string.Join('\n', Path.GetFullPath(useCaseDirectory), options.Store ?? "", Path.GetFullPath(artifactRoot));
        var opened = Opened.GetOrAdd(key, _ => new Lazy<MetadataStore>(OpenNow));
        try
        {
            return opened.Value;
        }
        catch
        {
            // A store that could not open (a database not up yet) is tried again by the next caller, not remembered as broken.
            Opened.TryRemove(KeyValuePair.Create(key, opened));
            throw;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<MetadataStore>> Opened = new(StringComparer.Ordinal);

    /// <summary>The store of a use case with only the database chosen (null: SQLite in the use case).</summary>
    public static MetadataStore ForUseCase(string useCaseDirectory, string? storeSpec, string? artifactRoot = null, TimeProvider? clock = null) =>
        ForUseCase(useCaseDirectory, new StoreOptions { Store = storeSpec, ArtifactRoot = artifactRoot, Clock = clock });

    /// <summary>The append-only audit trail, oldest first; of one subject (<c>model:churn</c>, <c>run:&lt;id&gt;</c>) when given.</summary>
    public Task<IReadOnlyList<AuditEvent>> AuditTrailAsync(string? subject = null, CancellationToken cancellationToken = default) =>
        Audit.ListAsync(_database, subject, cancellationToken);

    /// <summary>A filtered page of the audit trail, newest first (<see cref="AuditQuery"/>).</summary>
    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        Audit.PageAsync(_database, query, cancellationToken);

    /// <summary>Appends one audit entry (the server's state changes that have no table of their own: deployments, settings, jobs).</summary>
    public async Task AuditAsync(string actor, string action, string subject, object details, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        Audit.Add(context, actor, action, subject, (Options.Clock ?? TimeProvider.System).GetUtcNow(), details);
        await context.SaveChangesAsync(cancellationToken);
    }
}

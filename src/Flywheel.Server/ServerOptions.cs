namespace Flywheel.Server;

/// <summary>
/// How a server is started (<c>flywheel serve</c> fills it from its command line and environment; tests fill it directly).
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The use-case folders served; each gets an endpoint named after its use case.</summary>
    public IReadOnlyList<string> UseCases { get; init; } = ["."];

    /// <summary>A PostgreSQL connection string (store and Hangfire on PostgreSQL) or null: SQLite in the first use case's <c>.flywheel/</c>.</summary>
    public string? Store { get; init; }

    /// <summary>The artifact root shared by a team (null: <c>&lt;first use case&gt;/.flywheel/artifacts</c>).</summary>
    public string? ArtifactRoot { get; init; }

    /// <summary>Folders that request paths (batch inputs, async input locations) and data sources may name.</summary>
    public IReadOnlyList<string> DataRoots { get; init; } = [];

    /// <summary>The port to listen on (0: any free port). Ignored when the host sets its own URLs (tests).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The initial admin key (<c>FLYWHEEL_ADMIN_KEY</c>) used when the store has no admin key yet; null: one is generated.</summary>
    public string? AdminKey { get; init; }

    /// <summary>Whether this process runs jobs (a server does unless told not to; a worker runs only jobs).</summary>
    public bool RunJobs { get; init; } = true;

    /// <summary>
    /// Whether the workspace's slow first openings (the data's profile and diagnosis, the value and the plan priced, the
    /// newest model's decisions) are computed in the background at start, so a person's first visit is served from
    /// memory. <c>flywheel serve</c> turns it on; test hosts leave it off.
    /// </summary>
    public bool WarmWorkspace { get; init; }

    /// <summary>How many jobs this process runs at once.</summary>
    public int WorkerCount { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Where the server keeps its own files: the first use case's <c>.flywheel/</c> (SQLite store, job storage, admin key file, capture).</summary>
    public string StateFolder => Path.Combine(Path.GetFullPath(UseCases.Count > 0 ? UseCases[0] : "."), Flywheel.Storage.StoreConnection.StoreFolderName);

    public Flywheel.Storage.StoreOptions StoreOptions => new() { Store = Store, ArtifactRoot = ArtifactRoot, ReuseOpened = true };
}

namespace Flywheel.Storage;

/// <summary>
/// How to open a store, given by the host (the library reads no environment variables): which database, where the
/// artifacts live, and an optional hook called before every durable write (the fault-injection tests kill the
/// process there). A plain string converts to options with that store spec, so callers that only pick the database
/// can keep passing <c>--store</c>'s text.
/// </summary>
public sealed record StoreOptions
{
    /// <summary><c>sqlite:PATH</c> or a PostgreSQL connection string; null or blank → SQLite in the use case's <c>.flywheel/</c>.</summary>
    public string? Store { get; init; }

    /// <summary>The artifact root; null or blank → <c>&lt;use case&gt;/.flywheel/artifacts</c>.</summary>
    public string? ArtifactRoot { get; init; }

    /// <summary>Called with a <see cref="WritePoints"/> name just before each durable write.</summary>
    public Action<string>? BeforeWrite { get; init; }

    /// <summary>A running run on another host whose heartbeat is older than this is marked failed on open.</summary>
    public TimeSpan StaleHeartbeat { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// Keep one open store per use-case folder, database and artifact root for the life of the process, and hand it to
    /// every later open with the same three (a server, whose pages and jobs open the store many times a second). Off
    /// for a command line, whose one open also marks dead runs failed and sweeps crashed writers' debris.
    /// </summary>
    public bool ReuseOpened { get; init; }

    public static implicit operator StoreOptions(string? store) => new() { Store = store };

    internal void Reach(string point) => BeforeWrite?.Invoke(point);
}

/// <summary>The named places where the store writes durably, in the order a training reaches them.</summary>
public static class WritePoints
{
    public const string RunStart = "run.start";
    public const string TrialRecord = "run.trial";
    public const string PackageStage = "package.stage";
    public const string PackageFsync = "package.fsync";
    public const string PackageRename = "package.rename";
    public const string PublishCommit = "publish.commit";
    public const string PublishCommitted = "publish.committed";
    public const string RunEnd = "run.end";
    public const string RegisterCommit = "register.commit";
    public const string AliasCommit = "alias.commit";
    public const string OutputTemp = "output.temp";
    public const string OutputRename = "output.rename";
    public const string MonitoringCommit = "monitoring.commit";
    public const string ProductionCommit = "production.commit";
    public const string ComparisonCommit = "comparison.commit";

    /// <summary>The points <c>flywheel train</c> passes, in order.</summary>
    public static IReadOnlyList<string> Train { get; } =
        [RunStart, TrialRecord, PackageStage, PackageFsync, PackageRename, PublishCommit, PublishCommitted];
}

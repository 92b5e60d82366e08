using Flywheel.Storage;
using Flywheel.Catalogs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel;

/// <summary>
/// What a <see cref="FlywheelContext"/> is built with. <see cref="Folder"/> is the workspace: models trained without
/// a use-case file are recorded there (its <c>.flywheel/</c> holds the SQLite store and the artifacts) unless
/// <see cref="Store"/> names another metadata store (<c>sqlite:PATH</c> or a PostgreSQL connection string).
/// </summary>
public sealed record FlywheelOptions
{
    public required string Folder { get; init; }

    /// <summary>The metadata store; null: <c>sqlite:</c> in <see cref="Folder"/>/.flywheel.</summary>
    public string? Store { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The seed of every split, search and bootstrap unless an operation's options name another.</summary>
    public int Seed { get; init; } = 1729;

    /// <summary>Who registers and moves aliases, in the registry's audit trail.</summary>
    public string Actor { get; init; } = Environment.UserName is { Length: > 0 } user ? user : "flywheel";
}

/// <summary>
/// The way in for a notebook or a host, in the spirit of ML.NET's <c>MLContext</c>: built once, it exposes a catalog
/// per stage — <see cref="Data"/>, <see cref="Training"/>, <see cref="Evaluation"/>, <see cref="Decisions"/>,
/// <see cref="Registry"/>, <see cref="Serving"/> — so a model is trained, priced, registered and scored in a few
/// lines, without a YAML file. Immutable and thread-safe: the catalogs hold only the options, every call opens what
/// it needs, and a loaded model scores from many threads.
/// <code>
/// var flywheel = FlywheelContext.CreateBuilder("work").UseSeed(7).Build();
/// var trained = await flywheel.Training.TrainAsync("churn.csv", "churn", new() { Budget = TimeSpan.FromSeconds(20) });
/// var model = await flywheel.Serving.LoadAsync("churn@candidate");
/// </code>
/// </summary>
public sealed class FlywheelContext
{
    public FlywheelContext(FlywheelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options with { Folder = Path.GetFullPath(options.Folder) };
        Data = new DataCatalog(Options);
        Training = new TrainingCatalog(Options);
        Evaluation = new EvaluationCatalog();
        Decisions = new DecisionCatalog(Options);
        // Opened once, on first use (migrations, run recovery and the debris scan run on open), and shared: the store
        // is safe across threads. An open that fails is tried again on the next call.
        var store = new Lazy<MetadataStore>(() => MetadataStore.ForUseCase(Options.Folder, Options.Store), LazyThreadSafetyMode.PublicationOnly);
        Registry = new RegistryCatalog(Options, store);
        Serving = new ServingCatalog(Options, store);
    }

    public static FlywheelContextBuilder CreateBuilder(string folder) => new(folder);

    public FlywheelOptions Options { get; }

    /// <summary>Load, profile, diagnose and split data files (CSV, Parquet).</summary>
    public DataCatalog Data { get; }

    /// <summary>Train a model on a file, for a target, within a budget.</summary>
    public TrainingCatalog Training { get; }

    /// <summary>Evaluate a model on labelled data.</summary>
    public EvaluationCatalog Evaluation { get; }

    /// <summary>Price a model's decisions with a price table (value or cost of each outcome).</summary>
    public DecisionCatalog Decisions { get; }

    /// <summary>Models, versions and aliases in the store.</summary>
    public RegistryCatalog Registry { get; }

    /// <summary>Load a package or an alias and score rows or a file.</summary>
    public ServingCatalog Serving { get; }
}

/// <summary>Builds a <see cref="FlywheelContext"/> (like Npgsql's data source builder: configure, then one immutable object).</summary>
public sealed class FlywheelContextBuilder(string folder)
{
    private FlywheelOptions _options = new() { Folder = folder };

    public FlywheelContextBuilder UseStore(string store)
    {
        _options = _options with { Store = store };
        return this;
    }

    public FlywheelContextBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _options = _options with { LoggerFactory = loggerFactory };
        return this;
    }

    public FlywheelContextBuilder UseSeed(int seed)
    {
        _options = _options with { Seed = seed };
        return this;
    }

    public FlywheelContextBuilder UseActor(string actor)
    {
        _options = _options with { Actor = actor };
        return this;
    }

    public FlywheelContext Build() => new(_options);
}

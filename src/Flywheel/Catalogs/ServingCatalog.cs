using Flywheel.Data.Preprocessing;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Telemetry;
using Microsoft.Extensions.Logging;

namespace Flywheel.Catalogs;

/// <summary>
/// The Serving stage: load a model by reference and score rows or a file. A <see cref="ScoringModel"/> may be shared
/// between threads (its row scorer is guarded), so load once and score from many.
/// </summary>
public sealed class ServingCatalog
{
    private readonly ILogger _log;
    private readonly Lazy<MetadataStore> _store;

    internal ServingCatalog(FlywheelOptions options, Lazy<MetadataStore> store)
    {
        _store = store;
        _log = options.LoggerFactory.CreateLogger("Flywheel.Serving");
    }

    /// <summary>Loads <c>name@alias</c>, <c>name:version</c>, <c>name</c> (the latest) or a package folder from the context's store.</summary>
    public async Task<ScoringModel> LoadAsync(string reference, CancellationToken cancellation = default)
    {
        var resolved = await new ModelCatalog(_store.Value).ResolveAsync(reference, cancellation);
        var model = ScoringModel.Load(resolved.Package);
        _log.LogInformation("loaded {Reference} (package {Package})", resolved.Version?.Reference ?? reference, resolved.Package.Id);
        return model;
    }

    /// <summary>Scores rows given as column → text (as they would be read from a CSV); a cancelled token stops between rows.</summary>
    public IReadOnlyList<ScoredRow> Score(ScoringModel model, IEnumerable<IReadOnlyDictionary<string, string?>> rows, CancellationToken cancellation = default)
    {
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Score);
        var scored = new List<ScoredRow>();
        foreach (var row in rows)
        {
            cancellation.ThrowIfCancellationRequested();
            scored.Add(model.Score(row));
        }
        activity?.SetTag("flywheel.rows", scored.Count);
        _log.LogDebug("scored {Rows} rows", scored.Count);
        return scored;
    }

    /// <summary>Scores an in-memory table (from <see cref="DataCatalog.Load"/>).</summary>
    public IReadOnlyList<ScoredRow> Score(ScoringModel model, ColumnTable rows, CancellationToken cancellation = default)
    {
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Score, "flywheel.rows", rows.RowCount);
        return model.Score(rows, cancellation);
    }

    /// <summary>Scores a CSV into another, streamed in batches and written atomically (nothing half-written on failure or cancellation).</summary>
    public PredictSummary ScoreFile(ScoringModel model, string input, string output, CancellationToken cancellation = default) =>
        CsvPredictor.Predict(model, input, output, CsvPredictor.DefaultBatchSize, null, _log, cancellation);
}

using System.Globalization;
using System.Text;
using Flywheel.Storage;
using Flywheel.Tasks;
using Flywheel.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Serving;

/// <summary>Rows scored so far, for a progress bar.</summary>
public sealed record PredictProgress(long Rows);

/// <summary>What a batch prediction did.</summary>
public sealed record PredictSummary(long Rows, long Review, TimeSpan Duration)
{
    public double RowsPerSecond => Rows / Math.Max(Duration.TotalSeconds, 1e-9);
}

/// <summary>
/// Streams a CSV through a model one row at a time (see <see cref="RowScorer"/>): reads a row, scores it, writes the
/// input fields as read followed by <see cref="AddedColumns"/> — <c>score</c>, <c>label</c> (the answer acted on;
/// empty when a person decides), <c>decision</c> (<c>automatic</c> or <c>review</c>), <c>suggested_label</c> (the
/// model's answer on every row) and, for multiclass, <c>p_&lt;class&gt;</c> per class. The output is comma-separated
/// RFC 4180 with invariant numbers whatever the input's dialect. Progress is reported every <c>batchSize</c> rows.
/// The output appears only when every row scored: a bad row anywhere leaves no file behind.
/// </summary>
public static class CsvPredictor
{
    public const int DefaultBatchSize = 2048;
    public const string ReviewDecision = "review";
    public const string AutomaticDecision = "automatic";
    public const string ProbabilityPrefix = "p_";

    /// <summary>The columns prediction adds for a model: the four of every task, then one probability per class for multiclass.</summary>
    public static IReadOnlyList<string> AddedColumns(ServingSpec spec) =>
        [
            "score", "label", "decision", "suggested_label",
            .. spec.Task == MlTask.Multiclass ? spec.Classes.Select(name => ProbabilityPrefix + name) : [],
        ];

    public static PredictSummary Predict(ScoringModel model, string inputPath, string outputPath, int batchSize = DefaultBatchSize, IProgress<PredictProgress>? progress = null,
        ILogger? logger = null, CancellationToken cancellation = default) =>
        Predict(model, inputPath, OutputTarget.File(outputPath, inputPath), batchSize, progress, logger, cancellation);

    /// <summary>
    /// Scores <paramref name="inputPath"/> into <paramref name="output"/> (a file written atomically, or a stream). A
    /// cancelled token stops at the next row and leaves no output file.
    /// </summary>
    public static PredictSummary Predict(ScoringModel model, string inputPath, OutputTarget output, int batchSize = DefaultBatchSize, IProgress<PredictProgress>? progress = null,
        ILogger? logger = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        logger ??= NullLogger.Instance;
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Score, "flywheel.file", inputPath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long rows = 0, review = 0;
        using var scored = new ScoredCsv(model, inputPath);
        var added = AddedColumns(model.Spec);
        var clash = scored.Header.FirstOrDefault(name => added.Contains(name.Trim(), StringComparer.Ordinal));
        if (clash is not null)
            throw new InputException($"the input already has a column '{clash}', which prediction adds; rename it", inputPath, 1);
        output.Write(stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(string.Join(",", scored.Header.Concat(added).Select(CsvRecordReader.Escape)));
            writer.Write('\n');
            var line = new StringBuilder();
            foreach (var (record, row) in scored.Rows())
            {
                cancellation.ThrowIfCancellationRequested();
                if (row.Decision == DecisionRoute.Review) review++;
                WriteLine(writer, line, record.Fields, row);
                if (++rows % batchSize == 0)
                {
                    FlywheelTelemetry.RowsScored.Add(batchSize);
                    progress?.Report(new PredictProgress(rows));
                }
            }
            FlywheelTelemetry.RowsScored.Add(rows % batchSize);
            if (rows % batchSize != 0) progress?.Report(new PredictProgress(rows));
        });
        activity?.SetTag("flywheel.rows", rows);
        logger.LogInformation("scored {Rows} rows of {Input} into {Output} in {Seconds:0.00} s ({Review} for review)", rows, inputPath, output.Display, clock.Elapsed.TotalSeconds, review);
        return new PredictSummary(rows, review, clock.Elapsed);
    }

    // One output line built in a reused buffer: the input fields as read, then the added columns.
    private static void WriteLine(StreamWriter output, StringBuilder line, string[] fields, ScoredRow row)
    {
        line.Clear();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(CsvRecordReader.Escape(fields[i]));
        }
        line.Append(',').Append(row.Score.ToString("R", CultureInfo.InvariantCulture))
            .Append(',').Append(CsvRecordReader.Escape(row.Label ?? ""))
            .Append(',').Append(row.Decision == DecisionRoute.Review ? ReviewDecision : AutomaticDecision)
            .Append(',').Append(CsvRecordReader.Escape(row.SuggestedLabel));
        foreach (var probability in row.ClassProbabilities ?? [])
            line.Append(',').Append(probability.ToString("R", CultureInfo.InvariantCulture));
        line.Append('\n');
        output.Write(line);
    }
}

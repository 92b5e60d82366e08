using System.Text;
using Flywheel.Operate.Jobs;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Telemetry;

namespace Flywheel.Operate.Batch;

/// <summary>What a transform did.</summary>
public sealed record BatchTransformSummary(long Rows, long Review, TimeSpan Duration)
{
    public double RowsPerSecond => Rows / Math.Max(Duration.TotalSeconds, 1e-9);
}

/// <summary>
/// Runs one batch transform: one pass over the input (<see cref="ScoredCsv"/>: a record is read, scored and written
/// before the next is read, so memory does not grow with the file), the output written atomically in input order — a
/// bad record, a cancel or a crash leaves no output. Progress (rows done, total, rate) every <see cref="ProgressEvery"/>
/// rows; the total is the input's line count, counted first by a cheap byte scan.
/// </summary>
public static class BatchTransform
{
    public const int ProgressEvery = 2000;

    public static BatchTransformSummary Run(ScoringModel model, string inputPath, OutputTarget output, BatchTransformSettings settings,
        Action<JobProgress>? progress = null, CancellationToken cancellation = default)
    {
        settings = settings.Validated();
        cancellation.ThrowIfCancellationRequested();
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Score, "flywheel.file", inputPath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var total = CountRecords(inputPath, model.Spec.Dialect.HasHeader, cancellation);
        long rows = 0, review = 0;
        var maxRecordChars = settings.MaxPayloadInMB * 1024L * 1024L;
        using var scored = new ScoredCsv(model, inputPath);
        var added = CsvPredictor.AddedColumns(model.Spec);
        var clash = scored.Header.FirstOrDefault(name => added.Contains(name.Trim(), StringComparer.Ordinal));
        if (settings.JoinInput && clash is not null)
            throw new InputException($"the input already has a column '{clash}', which prediction adds; rename it or use joinSource None", inputPath, 1);
        output.Write(stream =>
        {
            using IBatchOutput writer = settings.JsonLinesOutput
                ? new JsonLinesBatchOutput(stream, scored.Header, added, settings.JoinInput)
                : new CsvBatchOutput(stream, scored.Header, added, settings.JoinInput);
            foreach (var (record, row) in scored.Rows())
            {
                cancellation.ThrowIfCancellationRequested();
                if (Length(record.Fields) > maxRecordChars)
                    throw new InputException($"the record is larger than maxPayloadInMB ({settings.MaxPayloadInMB} MB)", inputPath, record.Line);
                if (row.Decision == DecisionRoute.Review) review++;
                writer.Write(record.Fields, row);
                if (++rows % ProgressEvery == 0)
                {
                    FlywheelTelemetry.RowsScored.Add(ProgressEvery);
                    progress?.Invoke(new JobProgress(rows, Math.Max(total, rows), rows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
                }
            }
            FlywheelTelemetry.RowsScored.Add(rows % ProgressEvery);
        });
        progress?.Invoke(new JobProgress(rows, rows, rows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        activity?.SetTag("flywheel.rows", rows);
        return new BatchTransformSummary(rows, review, clock.Elapsed);
    }

    /// <summary>
    /// The number of records, for progress: lines that hold anything, minus the header. A quoted field spanning lines
    /// makes it an over-estimate, which progress caps at the rows done.
    /// </summary>
    public static long CountRecords(string path, bool hasHeader, CancellationToken cancellation = default)
    {
        if (!File.Exists(path)) throw new InputException("no such input file", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long lines = 0;
        bool lineHasContent = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'\n')
                {
                    if (lineHasContent) lines++;
                    lineHasContent = false;
                }
                else if (b != (byte)'\r') lineHasContent = true;
            }
        }
        if (lineHasContent) lines++;
        return Math.Max(0, hasHeader ? lines - 1 : lines);
    }

    private static long Length(string[] fields)
    {
        long length = 0;
        foreach (var field in fields) length += field.Length + 1;
        return length;
    }

    internal static Encoding Utf8 { get; } = new UTF8Encoding(false);
}

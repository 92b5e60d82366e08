using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Flywheel.Data.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Capture;

/// <summary>
/// Reads capture and ground-truth files with DuckDB: <c>read_json</c> over the partition files of the window (chosen
/// from the hour folders, so other hours are never opened) with an explicit schema, and <c>ignore_errors</c> so the torn
/// last line of a file a killed writer left is skipped. Each call opens its own in-memory DuckDB connection.
/// </summary>
public sealed class CaptureReader(string root, ILogger? logger = null)
{
    private const string CaptureColumns =
        "{captureData: 'STRUCT(endpointInput STRUCT(observedContentType VARCHAR, mode VARCHAR, data VARCHAR, encoding VARCHAR), " +
        "endpointOutput STRUCT(observedContentType VARCHAR, mode VARCHAR, data VARCHAR, encoding VARCHAR))', " +
        "eventMetadata: 'STRUCT(eventId VARCHAR, inferenceId VARCHAR, inferenceTime VARCHAR)', eventVersion: 'VARCHAR', " +
        "flywheel: 'STRUCT(endpoint VARCHAR, variant VARCHAR, modelVersion VARCHAR, latencyMs DOUBLE, shadow BOOLEAN, customAttributes VARCHAR)'}";

    private const string GroundTruthColumns =
        "{groundTruthData: 'STRUCT(data VARCHAR, encoding VARCHAR)', eventMetadata: 'STRUCT(eventId VARCHAR)', eventVersion: 'VARCHAR', " +
        "flywheel: 'STRUCT(receivedTime VARCHAR)'}";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public string Root => root;

    /// <summary>
    /// The records of <paramref name="query"/>, streamed in time order (newest first when asked), one hour's files at
    /// a time: a file holds the records of its folder's hour (the writer files a record by its inference hour), so the
    /// hours' records, each hour sorted, concatenate in the order one sorted query over every file gives — while DuckDB
    /// holds one hour of capture instead of sorting the whole window in memory. The hours are the hour folders on
    /// disk (never the hours between the window's ends, which may be open or centuries apart), each read once; the
    /// ground truth is read once per call into a temporary table that every hour joins.
    /// </summary>
    public IEnumerable<CapturedRecord> Read(CaptureQuery query, CancellationToken cancellation = default)
    {
        var hours = Hours(query);
        if (hours.Count == 0) yield break;
        var left = query.Limit is { } limit ? Math.Max(0, limit) : long.MaxValue;
        if (left == 0) yield break;

        using var connection = Open();
        var truth = query.WithGroundTruth && CreateTruth(connection, query, cancellation);
        for (var i = 0; i < hours.Count && left > 0; i++)
        {
            var hour = hours[query.NewestFirst ? hours.Count - 1 - i : i];
            foreach (var record in ReadFiles(connection, query, hour.Files, truth, left, cancellation))
            {
                left--;
                yield return record;
            }
        }
    }

    private IEnumerable<CapturedRecord> ReadFiles(DuckDBConnection connection, CaptureQuery query, IReadOnlyList<string> captureFiles, bool truth, long limit, CancellationToken cancellation)
    {
        var sql = new StringBuilder(Captured(captureFiles));
        sql.Append(truth
            ? " SELECT c.*, t.label FROM captured c LEFT JOIN truth t ON t.truth_key = coalesce(nullif(c.inference_id, ''), c.event_id)"
            : " SELECT c.*, NULL::VARCHAR AS label FROM captured c");
        sql.Append(Where(query, "c.")).Append(query.NewestFirst ? " ORDER BY c.time DESC, c.event_id DESC" : " ORDER BY c.time, c.event_id");
        if (limit < long.MaxValue) sql.Append(CultureInfo.InvariantCulture, $" LIMIT {limit}");

        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        using var interrupt = new SqlTrace(_logger, cancellation).Bind(command);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellation.ThrowIfCancellationRequested();
            yield return new CapturedRecord(
                Text(reader, 0), Text(reader, 1), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)),
                Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                reader.IsDBNull(9) ? 0 : reader.GetDouble(9), !reader.IsDBNull(10) && reader.GetBoolean(10),
                reader.IsDBNull(11) ? null : reader.GetString(11));
        }
    }

    /// <summary>
    /// The records of <paramref name="query"/> without their request and response text, in no particular order, in
    /// one query over the window's files (limit and order ignored): a month of hourly files is one scan, not one query
    /// per hour, and no body crosses into .NET.
    /// </summary>
    public IEnumerable<CapturedOutline> Outlines(CaptureQuery query, CancellationToken cancellation = default)
    {
        var files = CaptureFiles(query);
        if (files.Count == 0) yield break;
        using var connection = Open();
        var truth = query.WithGroundTruth && CreateTruth(connection, query, cancellation);
        using var command = connection.CreateCommand();
        command.CommandText = Captured(files) + " SELECT c.inference_id, c.time, c.model_version, c.shadow, " +
            (truth ? "t.label IS NOT NULL FROM captured c LEFT JOIN truth t ON t.truth_key = coalesce(nullif(c.inference_id, ''), c.event_id)" : "false FROM captured c") +
            Where(query, "c.");
        using var interrupt = new SqlTrace(_logger, cancellation).Bind(command);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellation.ThrowIfCancellationRequested();
            yield return new CapturedOutline(Text(reader, 0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)), Text(reader, 2),
                !reader.IsDBNull(3) && reader.GetBoolean(3), reader.GetBoolean(4));
        }
    }

    // The window's ground truth, latest post per key, as the temporary table 'truth'; false when there is none.
    private bool CreateTruth(DuckDBConnection connection, CaptureQuery query, CancellationToken cancellation)
    {
        if (GroundTruthFiles(query) is not { Count: > 0 } truthFiles) return false;
        Execute(connection, "CREATE TEMP TABLE truth AS SELECT eventMetadata.eventId AS truth_key, arg_max(groundTruthData.data, coalesce(flywheel.receivedTime, '')) AS label " +
            $"FROM {ReadJson(truthFiles, GroundTruthColumns)} WHERE eventMetadata.eventId IS NOT NULL GROUP BY 1", cancellation);
        return true;
    }

    private void Execute(DuckDBConnection connection, string sql, CancellationToken cancellation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        new SqlTrace(_logger, cancellation).Run(command, command.ExecuteNonQuery);
    }

    /// <summary>Records per hour and variant in the window of <paramref name="query"/> (limit and ground truth ignored).</summary>
    public IReadOnlyList<CaptureHourCount> CountsPerHour(CaptureQuery query, CancellationToken cancellation = default)
    {
        var files = CaptureFiles(query);
        if (files.Count == 0) return [];
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Captured(files) +
            $" SELECT date_trunc('hour', c.time) AS hour, c.variant, count(*) FROM captured c{Where(query, "c.")} GROUP BY ALL ORDER BY 1, 2";
        return new SqlTrace(_logger, cancellation).Run(command, () =>
        {
            var counts = new List<CaptureHourCount>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                counts.Add(new CaptureHourCount(new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)), Text(reader, 1), reader.GetInt64(2)));
            return counts;
        });
    }

    /// <summary>
    /// What the capture and ground-truth files of <paramref name="query"/>'s window are on disk now (how many, their
    /// bytes, the latest write): a record written or a label posted changes it, so a result computed from the files
    /// can be kept while it stays the same.
    /// </summary>
    public string Stamp(CaptureQuery query)
    {
        static string Of(IReadOnlyList<string> files)
        {
            long bytes = 0, latest = 0;
            foreach (var info in files.Select(file => new FileInfo(file)))
            {
                bytes += info.Exists ? info.Length : 0;
                latest = Math.Max(latest, info.Exists ? info.LastWriteTimeUtc.Ticks : 0);
            }
            return FormattableString.Invariant($"{files.Count}:{bytes}:{latest}");
        }
        return Of(CaptureFiles(query)) + "/" + (query.WithGroundTruth ? Of(GroundTruthFiles(query)) : "-");
    }

    /// <summary>The capture files of <paramref name="endpoint"/> on disk and their size.</summary>
    public CaptureFileSummary Files(string endpoint)
    {
        var files = CapturePaths.FilesBetween(CapturePaths.EndpointFolder(root, endpoint), null, null, variantLevels: 1);
        return new CaptureFileSummary(files.Count, files.Sum(file => new FileInfo(file).Length));
    }

    private IReadOnlyList<string> CaptureFiles(CaptureQuery query) => query.Variant is { } variant
        ? CapturePaths.FilesBetween(CapturePaths.VariantFolder(root, query.Endpoint, variant), query.Since, query.Until, variantLevels: 0)
        : CapturePaths.FilesBetween(CapturePaths.EndpointFolder(root, query.Endpoint), query.Since, query.Until, variantLevels: 1);

    private IReadOnlyList<(DateTime Hour, IReadOnlyList<string> Files)> Hours(CaptureQuery query) => query.Variant is { } variant
        ? CapturePaths.HoursBetween(CapturePaths.VariantFolder(root, query.Endpoint, variant), query.Since, query.Until, variantLevels: 0)
        : CapturePaths.HoursBetween(CapturePaths.EndpointFolder(root, query.Endpoint), query.Since, query.Until, variantLevels: 1);

    // Ground truth arrives after the inference it labels: every file from the window's first hour on.
    private IReadOnlyList<string> GroundTruthFiles(CaptureQuery query) =>
        CapturePaths.FilesBetween(CapturePaths.GroundTruthEndpointFolder(root, query.Endpoint), query.Since, null, variantLevels: 0);

    private static string Captured(IReadOnlyList<string> files) =>
        "WITH captured AS (SELECT eventMetadata.inferenceId AS inference_id, eventMetadata.eventId AS event_id, " +
        "TRY_CAST(replace(eventMetadata.inferenceTime, 'Z', '') AS TIMESTAMP) AS time, flywheel.variant AS variant, " +
        "flywheel.modelVersion AS model_version, captureData.endpointInput.data AS input_data, captureData.endpointInput.encoding AS input_encoding, " +
        "captureData.endpointOutput.data AS output_data, captureData.endpointOutput.encoding AS output_encoding, " +
        "flywheel.latencyMs AS latency_ms, flywheel.shadow AS shadow " +
        $"FROM {ReadJson(files, CaptureColumns)} WHERE eventMetadata.eventId IS NOT NULL)";

    private static string ReadJson(IReadOnlyList<string> files, string columns) =>
        $"read_json([{string.Join(", ", files.Select(SqlText.Literal))}], format = 'newline_delimited', ignore_errors = true, columns = {columns})";

    private static string Where(CaptureQuery query, string alias)
    {
        var conditions = new List<string> { $"{alias}time IS NOT NULL" };
        if (query.Since is { } since) conditions.Add($"{alias}time >= {Timestamp(since)}");
        if (query.Until is { } until) conditions.Add($"{alias}time < {Timestamp(until)}");
        if (query.Variant is { } variant) conditions.Add($"{alias}variant = {SqlText.Literal(variant)}");
        if (query.InferenceId is { } id) conditions.Add($"coalesce(nullif({alias}inference_id, ''), {alias}event_id) = {SqlText.Literal(id)}");
        return " WHERE " + string.Join(" AND ", conditions);
    }

    private static string Timestamp(DateTimeOffset time) =>
        "TIMESTAMP '" + time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'";

    private static string Text(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }
}

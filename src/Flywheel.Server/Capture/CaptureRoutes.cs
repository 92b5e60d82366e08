using System.Globalization;
using Flywheel.Operate.Access;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Endpoints;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Flywheel.Server.Capture;

/// <summary>
/// What an endpoint captured: <c>GET …/capture</c> (records per hour and variant in a window, and the newest records
/// with their ground truth) and <c>GET …/capture/stats</c> (taken, written, dropped since start; files on disk).
/// </summary>
internal static class CaptureRoutes
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/capture", ReadAsync)
            .Requires(Permission.Read)
            .WithName("GetCapture")
            .WithSummary("Captured records of an endpoint: counts per hour and the newest records (with ground truth) in a window")
            .Produces<CaptureWindow>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/capture/stats", StatsAsync)
            .Requires(Permission.Read)
            .WithName("GetCaptureStats")
            .WithSummary("Capture counters of an endpoint since the server started (taken, written, dropped, failed) and its files on disk")
            .Produces<CaptureStatsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CaptureWindow>, ProblemHttpResult>> ReadAsync(
        string name, string? since, string? until, string? variant, string? limit, [FromServices] IEndpointModels endpoints,
        CaptureReader reader, TimeProvider clock, CancellationToken cancellation)
    {
        try
        {
            await endpoints.ResolveAsync(name, cancellation: cancellation);
            var to = Time(until, "until");
            var from = Time(since, "since") ?? (to ?? clock.GetUtcNow()).AddHours(-24);
            if (to is { } end && end <= from) throw new InputException($"until ({end:O}) must be later than since ({from:O})", "until");
            var count = limit is null ? DefaultLimit
                : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxLimit ? n
                : throw new InputException($"limit must be a whole number from 0 to {MaxLimit}, not '{limit}'", "limit");
            var query = new CaptureQuery(name) { Since = from, Until = to, Variant = variant };
            var hours = reader.CountsPerHour(query, cancellation);
            var records = reader.Read(query with { Limit = count, NewestFirst = true, WithGroundTruth = true }, cancellation).ToList();
            return TypedResults.Ok(new CaptureWindow(name, from, to, variant, hours.Sum(hour => hour.Records), hours, records));
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }

    private static async Task<Results<Ok<CaptureStatsResponse>, ProblemHttpResult>> StatsAsync(
        string name, [FromServices] IEndpointModels endpoints, CaptureWriter writer, CaptureReader reader, CancellationToken cancellation)
    {
        try
        {
            await endpoints.ResolveAsync(name, cancellation: cancellation);
            var stats = writer.Stats(name);
            var files = reader.Files(name);
            return TypedResults.Ok(new CaptureStatsResponse(name, stats.Taken, stats.Written, stats.Dropped, stats.Failed, stats.Pending,
                files.Files, files.Bytes, stats.Variants));
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }

    private static DateTimeOffset? Time(string? text, string field)
    {
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new InputException($"{field} must be an ISO 8601 time such as 2026-12-02T03:00:00Z, not '{text}'", field);
    }
}

/// <summary>The capture of an endpoint in [since, until): records per hour and variant, and the newest records.</summary>
public sealed record CaptureWindow(string Endpoint, DateTimeOffset Since, DateTimeOffset? Until, string? Variant, long Total,
    IReadOnlyList<CaptureHourCount> Hours, IReadOnlyList<CapturedRecord> Records);

/// <summary>
/// Counters since this server started (taken into the buffer, written, dropped because the buffer was full, failed to
/// write, still buffered across all endpoints) and the endpoint's capture files on disk, whoever wrote them.
/// </summary>
public sealed record CaptureStatsResponse(string Endpoint, long Taken, long Written, long Dropped, long Failed, int Pending,
    int Files, long Bytes, IReadOnlyList<VariantCaptureStats> Variants);

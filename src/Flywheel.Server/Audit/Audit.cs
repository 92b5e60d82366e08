using System.Globalization;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Audit;

/// <summary>One audit entry: who did what to which subject, when, with the details (before → after) as recorded.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, JsonElement Details)
{
    public static AuditEntry Of(AuditEvent entry) => new(entry.Id, entry.At, entry.Actor, entry.Action, entry.Subject, Parse(entry.DetailsJson));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.Clone();
    }
}

/// <summary>A page of the trail, newest first; <c>next</c> is the <c>after</c> of the following (older) page, null on the last.</summary>
public sealed record AuditPageResponse(string Order, IReadOnlyList<AuditEntry> Entries, long? Next);

/// <summary><c>GET /api/v1/audit</c>: the append-only audit log, filtered and paged, newest first, for admins.</summary>
public static class Audit
{
    public const string Order = "newest-first";

    public static void AddServices(WebApplicationBuilder builder)
    {
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", QueryAsync).WithTags("Audit").Requires(Permission.Administer).WithName("QueryAudit")
            .WithSummary("The audit log, newest first: filter by subject, actor, action and since (ISO 8601); page with limit (1-1000, default 100) and after (the previous page's next)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok<AuditPageResponse>> QueryAsync(string? subject, string? actor, string? action, string? since, string? limit, string? after,
        ServerStore store, CancellationToken cancellationToken)
    {
        var query = new AuditQuery(Blank(subject), Blank(actor), Blank(action), Since(since),
            Number(limit, "limit") is { } count ? (int)Math.Clamp(count, int.MinValue, int.MaxValue) : AuditQuery.DefaultLimit, Number(after, "after"));
        var page = await store.Store.QueryAuditAsync(query, cancellationToken);
        return TypedResults.Ok(new AuditPageResponse(Order, page.Entries.Select(AuditEntry.Of).ToList(), page.Next));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTimeOffset? Since(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : throw new InputException($"'{text}' is not a date and time; write ISO 8601, e.g. 2026-12-01T09:00:00Z", "since");
    }

    private static long? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputException($"'{text}' is not a whole number", field);
    }
}

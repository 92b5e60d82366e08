using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Operate.Review;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Review;

/// <summary>
/// The review queue under <c>/api/v1/review</c>: list and show items (Read); claim the next item with a lease, decide
/// it and release it (Review; the reviewer is the caller's key); the queue's statistics (Read). The intake route sits
/// under the endpoint (Deploy).
/// </summary>
internal static class ReviewRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/items", ListAsync).Requires(Permission.Read).WithName("ListReviewItems")
            .WithSummary("Review items oldest first: ?endpoint=&state=queued|claimed|decided&limit=").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/items/{id:long}", GetAsync).Requires(Permission.Read).WithName("GetReviewItem")
            .WithSummary("One item with its answers and the similar past decisions").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/next", NextAsync).Requires(Permission.Review).WithName("ClaimNextReviewItem")
            .WithSummary("Claim the oldest open item (of {endpoint} when given) under a lease: 200 with the item, 204 when none is waiting")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/items/{id:long}/decision", DecideAsync).Requires(Permission.Review).WithName("DecideReviewItem")
            .WithSummary("Record the claim holder's label (and comment); consolidated by majority once the item has its reviewers' answers")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/items/{id:long}/release", ReleaseAsync).Requires(Permission.Review).WithName("ReleaseReviewItem")
            .WithSummary("Give a claimed item back to the queue").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/stats", StatsAsync).Requires(Permission.Read).WithName("GetReviewStats")
            .WithSummary("Queue depth, decided today, median minutes per item, review share, agreement, sampled error, throughput per reviewer today (?endpoint=&days=7)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<ReviewItemList>, ProblemHttpResult>> ListAsync(ReviewQueue queue, string? endpoint, string? state, int? limit, CancellationToken cancellation) =>
        await Guard(async () => TypedResults.Ok(new ReviewItemList(await queue.ListAsync(endpoint, state, limit ?? 500, cancellation))));

    private static async Task<Results<Ok<ReviewItemView>, ProblemHttpResult>> GetAsync(long id, ReviewQueue queue, SimilarDecisions similar, CancellationToken cancellation) =>
        await Guard(async () =>
        {
            var item = await queue.GetAsync(id, cancellation);
            return TypedResults.Ok(new ReviewItemView(item, null, await similar.FindAsync(item, cancellation: cancellation)));
        });

    private static async Task<Results<Ok<ReviewItemView>, NoContent, ProblemHttpResult>> NextAsync(NextRequest? body, ClaimsPrincipal user,
        ReviewQueue queue, SimilarDecisions similar, CancellationToken cancellation)
    {
        try
        {
            if (await queue.ClaimNextAsync(user.Actor(), string.IsNullOrWhiteSpace(body?.Endpoint) ? null : body.Endpoint, cancellation) is not { } claim)
                return TypedResults.NoContent();
            return TypedResults.Ok(new ReviewItemView(claim.Item, claim.LeaseUntil, await similar.FindAsync(claim.Item, cancellation: cancellation)));
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }

    private static async Task<Results<Ok<ReviewItem>, ProblemHttpResult>> DecideAsync(long id, DecisionRequest? body, ClaimsPrincipal user, ReviewQueue queue, CancellationToken cancellation) =>
        await Guard(async () =>
        {
            if (body?.Label is not { } label) throw new InputException("a decision needs a label", "label");
            return TypedResults.Ok(await queue.DecideAsync(id, user.Actor(), label, body.Comment, cancellation));
        });

    private static async Task<Results<Ok<ReviewItem>, ProblemHttpResult>> ReleaseAsync(long id, ClaimsPrincipal user, ReviewQueue queue, CancellationToken cancellation) =>
        await Guard(async () => TypedResults.Ok(await queue.ReleaseAsync(id, user.Actor(), cancellation)));

    private static async Task<Results<Ok<ReviewStatistics>, ProblemHttpResult>> StatsAsync(ReviewStats stats, string? endpoint, double? days, CancellationToken cancellation) =>
        await Guard(async () =>
        {
            if (days is { } d && (!double.IsFinite(d) || d <= 0 || d > 366)) throw new InputException($"days is a number of days from 0 to 366, not {d}", "days");
            return TypedResults.Ok(await stats.ComputeAsync(endpoint, days is { } window ? TimeSpan.FromDays(window) : null, cancellation));
        });

    internal static async Task<Results<Ok<IntakeResult>, ProblemHttpResult>> IntakeAsync(string name, ReviewIntakeRunner runner, CancellationToken cancellation) =>
        await Guard(async () => TypedResults.Ok(await runner.RunAsync(name, cancellation: cancellation)));

    private static async Task<Results<Ok<T>, ProblemHttpResult>> Guard<T>(Func<Task<Ok<T>>> action)
    {
        try
        {
            return await action();
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }
}

public sealed record ReviewItemList(IReadOnlyList<ReviewItem> Items);

/// <summary>An item as a reviewer sees it: the item, the lease when just claimed, and the k nearest past decisions.</summary>
public sealed record ReviewItemView(ReviewItem Item, DateTimeOffset? LeaseUntil, IReadOnlyList<SimilarDecision> Similar);

public sealed record NextRequest(string? Endpoint);

public sealed record DecisionRequest(string? Label, string? Comment);

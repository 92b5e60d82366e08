using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Operate.Feedback;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Review;

/// <summary>
/// The "like" button: <c>POST /api/v1/endpoints/{name}/feedback</c> (Invoke: the product calls it) and the counts per
/// model version (Read). 201 for a new feedback, 200 when the same caller's feedback on that inference was replaced.
/// </summary>
internal static class FeedbackRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/feedback", PostAsync).Requires(Permission.Invoke).WithName("PostFeedback")
            .WithSummary("Feedback on an inference: {inferenceId, verdict: useful|not_useful, label?, comment?, allowUncaptured?}")
            .Produces<FeedbackEntry>(StatusCodes.Status201Created).Produces<FeedbackEntry>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/feedback/summary", SummaryAsync).Requires(Permission.Read).WithName("GetFeedbackSummary")
            .WithSummary("Feedback per model version: total, useful, not useful, with a label, useful share")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<FeedbackEntry>, Ok<FeedbackEntry>, ProblemHttpResult>> PostAsync(string name, FeedbackRequest? body,
        ClaimsPrincipal user, ServerStore server, FeedbackStore feedback, CancellationToken cancellation)
    {
        try
        {
            if (body is null) throw new InputException("the body is a JSON object {inferenceId, verdict, label?, comment?}", "body");
            await Endpoint(server, name, cancellation);
            var entry = await feedback.PostAsync(name, new FeedbackPost(body.InferenceId, body.Verdict, body.Label, body.Comment), user.Actor(),
                body.AllowUncaptured ?? false, cancellation);
            return entry.Replaced ? TypedResults.Ok(entry) : TypedResults.Created($"/api/v1/endpoints/{name}/feedback/summary", entry);
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }

    private static async Task<Results<Ok<FeedbackSummary>, ProblemHttpResult>> SummaryAsync(string name, ServerStore server, FeedbackStore feedback, CancellationToken cancellation)
    {
        try
        {
            await Endpoint(server, name, cancellation);
            return TypedResults.Ok(new FeedbackSummary(name, await feedback.SummaryAsync(name, cancellation)));
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }

    private static async Task Endpoint(ServerStore server, string name, CancellationToken cancellation)
    {
        if (await server.Store.Endpoints.FindAsync(name, cancellation) is null) throw new NotFoundException($"no endpoint '{name}'", "endpoint");
    }
}

public sealed record FeedbackRequest(string? InferenceId, string? Verdict, string? Label, string? Comment, bool? AllowUncaptured);

public sealed record FeedbackSummary(string Endpoint, IReadOnlyList<FeedbackCounts> Versions);

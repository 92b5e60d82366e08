using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Operate.Endpoints;
using Flywheel.Operate.GroundTruth;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Flywheel.Server.Capture;

/// <summary>
/// <c>POST /api/v1/endpoints/{name}/ground-truth</c>: labels for captured inferences, as
/// <c>{"records":[{"inferenceId":"…","label":…}]}</c> (application/json) or Model Monitor's ground-truth JSON Lines
/// (application/jsonlines), stored beside the capture for monitoring; <c>202 {"accepted": n}</c>.
/// </summary>
internal static class GroundTruthRoutes
{
    private static readonly string[] JsonLinesTypes = ["application/jsonlines", "application/x-jsonlines", "application/jsonl", "application/x-ndjson"];

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/ground-truth", PostAsync)
            .Requires(Permission.Invoke)
            .WithName("PostGroundTruth")
            .WithSummary("Post ground truth (labels) for captured inferences, by inference id")
            .Accepts<GroundTruthRequest>("application/json", JsonLinesTypes)
            .Produces<GroundTruthAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Results<Accepted<GroundTruthAccepted>, ProblemHttpResult>> PostAsync(
        string name, HttpRequest request, ClaimsPrincipal user, [FromServices] IEndpointModels endpoints,
        GroundTruthStore store, GroundTruthLimits limits, ServerStore server, CancellationToken cancellation)
    {
        try
        {
            await endpoints.ResolveAsync(name, cancellation: cancellation);
            var media = (request.ContentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
            var jsonLines = JsonLinesTypes.Contains(media);
            if (!jsonLines && media != "application/json")
                return TypedResults.Problem($"ground truth is application/json or application/jsonlines, not '{request.ContentType}'",
                    statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
            if (await BoundedBody.ReadAsync(request, limits.MaxBodyBytes, cancellation) is not { } body)
                return TypedResults.Problem($"the body exceeds {limits.MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Payload too large", extensions: new Dictionary<string, object?> { ["element"] = "body" });
            var records = jsonLines ? GroundTruthParser.ParseJsonLines(body, limits) : GroundTruthParser.ParseRecords(body, limits);
            var file = store.Append(name, records);
            await server.Store.AuditAsync(user.Actor(), "ground-truth.post", $"endpoint:{name}",
                new { before = (object?)null, after = new { accepted = records.Count, file = Path.GetFileName(file) } }, cancellation);
            return TypedResults.Accepted((string?)null, new GroundTruthAccepted(records.Count));
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }
}

/// <summary>Flywheel's ground-truth body: labels by inference id (or event id when the capture had none).</summary>
public sealed record GroundTruthRequest(IReadOnlyList<GroundTruthLabel> Records);

public sealed record GroundTruthLabel(string? InferenceId, string? EventId, System.Text.Json.JsonElement Label);

public sealed record GroundTruthAccepted(int Accepted);

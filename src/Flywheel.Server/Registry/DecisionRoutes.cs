using System.Collections.Concurrent;
using System.Globalization;
using Flywheel.Operate.Access;
using Flywheel.Operate.Listings;
using Flywheel.Server.Security;
using Flywheel.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Registry;

/// <summary>
/// A model version's decisions opened once and kept (its sorted scores and alternatives), per model, version and the
/// use-case file's last write — an edit of the prices opens it again. The decision route and the decision explorer
/// page both read through it, so they price with the same object.
/// </summary>
public sealed class ModelDecisionsCache(ServerStore server)
{
    private readonly ConcurrentDictionary<(string Model, int Version, string File, DateTime Written), ModelDecisions> _opened = new();

    public async Task<ModelDecisions> OpenAsync(string model, int version, CancellationToken cancellation = default)
    {
        var useCase = UseCaseNamed(model);
        var key = (model, version, useCase.FilePath, File.GetLastWriteTimeUtc(useCase.FilePath));
        if (_opened.TryGetValue(key, out var opened)) return opened;
        var decisions = await ModelDecisions.OpenAsync(server.Store, useCase, model, version, cancellation);
        return _opened[key] = decisions;
    }

    // The model is registered under its use case's name; the prices are the use case's, as monitoring prices realized value.
    private UseCase UseCaseNamed(string model)
    {
        foreach (var folder in server.Options.UseCases.Select(Path.GetFullPath))
        {
            var useCase = UseCaseLoader.Load(folder, new UseCaseOptions(server.Options.DataRoots));
            if (useCase.Name == model) return useCase;
        }
        throw new NotFoundException($"unknown model '{model}': no use case of that name is served here, so its decisions have no prices", "model");
    }
}

/// <summary><c>GET /api/v1/models/{name}/versions/{version}/decision</c>: what the decision explorer shows, as JSON.</summary>
public static class DecisionRoutes
{
    public static void AddServices(WebApplicationBuilder builder) => builder.Services.AddSingleton<ModelDecisionsCache>();

    public static void Map(RouteGroupBuilder models) =>
        models.MapGet("/{name}/versions/{version:int}/decision", GetAsync).Requires(Permission.Read).WithName("GetModelDecision")
            .WithSummary("A binary version's decision at a threshold and review band [reviewLower, reviewUpper) (default: its chosen point): value per item and per day, review share, reviewer hours and people, the counts, on validation and on test (not for tuning), beside the chosen point and the alternatives")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<DecisionExploration>> GetAsync(string name, int version, string? threshold, string? reviewLower, string? reviewUpper,
        ModelDecisionsCache decisions, CancellationToken cancellation)
    {
        var point = (Number(threshold, "threshold"), Number(reviewLower, "reviewLower"), Number(reviewUpper, "reviewUpper"));
        var opened = await decisions.OpenAsync(name, version, cancellation);
        return TypedResults.Ok(opened.At(point.Item1, point.Item2, point.Item3));
    }

    private static double? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InputException($"{field} is a number between 0 and 1, not '{text}'", field);
    }
}

using Flywheel.Operate.Access;
using Flywheel.Operate.Endpoints;
using Flywheel.Operate.Inference;
using Flywheel.Server.Invocations;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Endpoints;

/// <summary>
/// The native endpoint API under <c>/api/v1/endpoints</c>: list, show, replace (<see cref="Permission.Deploy"/>; a live
/// variant following <c>@production</c> that is new or changed needs <see cref="Permission.Promote"/>), delete, the
/// input schema, and invocations with JSON records in and predictions (and explanations) out.
/// </summary>
public static class EndpointRoutes
{
    public const string Tag = "Endpoints";

    public static IEndpointRouteBuilder MapEndpointRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/endpoints").WithTags(Tag);
        group.MapGet("", ListAsync).Requires(Permission.Read).WithName("ListEndpoints").WithSummary("Every endpoint with its variants, loaded versions, weights and state");
        group.MapGet("/{name}", GetAsync).Requires(Permission.Read).WithName("GetEndpoint").WithSummary("One endpoint: variants, loaded versions, weights, shadow, capture share, state");
        group.MapPut("/{name}", PutAsync).Requires(Permission.Deploy).WithName("PutEndpoint")
            .WithSummary("Create or replace an endpoint's variants, weights and capture share (a new live @production variant needs Promote)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{name}", DeleteAsync).Requires(Permission.Deploy).WithName("DeleteEndpoint").WithSummary("Remove an endpoint")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{name}/schema", Schema).Requires(Permission.Read).WithName("GetEndpointSchema").WithSummary("The input columns, their types and the classes of the variant's model")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{name}/invocations", (HttpContext context, string name, InvocationHandler handler) => handler.InvokeAsync(context, name, native: true))
            .Requires(Permission.Invoke).WithName("InvokeEndpointNative")
            .WithSummary("Score JSON records ({\"records\":[…]} or any JSON shape /invocations reads); ?explain=true adds the top feature contributions")
            .AddOpenApiOperationTransformer(Invocations.Invocations.DescribeBody).Produces<string>(StatusCodes.Status200OK, RequestDecoder.Json)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<EndpointView>>> ListAsync(ServerStore store, EndpointRuntime runtime, CancellationToken cancellation)
    {
        var records = await store.Store.Endpoints.ListAsync(cancellation);
        return TypedResults.Ok<IReadOnlyList<EndpointView>>(records.Select(record =>
            EndpointViews.Of(runtime.Endpoints.GetValueOrDefault(record.Name), EndpointDefinition.FromJson(record.Name, record.UseCaseFolder, record.ConfigJson), record)).ToList());
    }

    private static async Task<Results<Ok<EndpointView>, ProblemHttpResult>> GetAsync(string name, ServerStore store, EndpointRuntime runtime, CancellationToken cancellation)
    {
        if (await store.Store.Endpoints.FindAsync(name, cancellation) is not { } record)
            return Missing(name);
        return TypedResults.Ok(EndpointViews.Of(runtime.Endpoints.GetValueOrDefault(name), EndpointDefinition.FromJson(record.Name, record.UseCaseFolder, record.ConfigJson), record));
    }

    private static async Task<Results<Ok<EndpointView>, Created<EndpointView>, ProblemHttpResult>> PutAsync(string name, EndpointPut body, HttpContext context,
        ServerStore store, EndpointRuntime runtime, CancellationToken cancellation)
    {
        try
        {
            var existing = await store.Store.Endpoints.FindAsync(name, cancellation);
            var before = existing is null ? null : EndpointDefinition.FromJson(existing.Name, existing.UseCaseFolder, existing.ConfigJson);
            var folder = Folder(body.UseCaseFolder, before?.UseCaseFolder, store.Options);
            var definition = new EndpointDefinition(name, folder, body.Variants ?? [], body.CaptureShare ?? before?.CaptureShare ?? 100).Validate();
            if (NewProductionVariants(before, definition) is { Count: > 0 } promoted && Roles.IsRole(context.User.Role()) && !Roles.Allows(context.User.Role()!, Permission.Promote))
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: $"serving @production live ({string.Join(", ", promoted)}) is a promotion; it needs the approver or admin role", extensions: Element("variants"));
            await runtime.CheckAsync(definition, cancellation);
            await store.Store.Endpoints.PutAsync(name, folder, definition.ToJson(), context.User.Actor(), cancellation);
            await runtime.RefreshAsync(cancellation);
            var view = EndpointViews.Of(runtime.Endpoints.GetValueOrDefault(name), definition, await store.Store.Endpoints.FindAsync(name, cancellation));
            return existing is null ? TypedResults.Created($"/api/v1/endpoints/{name}", view) : TypedResults.Ok(view);
        }
        catch (FlywheelException error)
        {
            return (ProblemHttpResult)Problems.From(error);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, HttpContext context, ServerStore store, EndpointRuntime runtime, CancellationToken cancellation)
    {
        if (await store.Store.Endpoints.FindAsync(name, cancellation) is null) return Missing(name);
        await store.Store.Endpoints.DeleteAsync(name, context.User.Actor(), cancellation);
        await runtime.RefreshAsync(cancellation);
        return TypedResults.NoContent();
    }

    private static Results<Ok<EndpointSchema>, ProblemHttpResult> Schema(string name, string? variant, EndpointRuntime runtime)
    {
        if (!runtime.Endpoints.TryGetValue(name, out var state)) return Missing(name);
        var chosen = variant is null ? state.Variants.FirstOrDefault(v => !v.Variant.Shadow && v.Variant.Weight > 0) : state.Variants.FirstOrDefault(v => v.Variant.Name == variant);
        if (chosen is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "NotFound", detail: $"endpoint '{name}' has no variant '{variant}'", extensions: Element("variant"));
        if (chosen.Model is not { } model)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "ModelNotReady", detail: $"variant '{chosen.Variant.Name}' has no model loaded: {chosen.Error}");
        var spec = model.Spec;
        return TypedResults.Ok(new EndpointSchema(name, chosen.Variant.Name, model.Reference, spec.Task.ToString().ToLowerInvariant(),
            spec.Inputs.Select(input => new SchemaColumn(input.Name, input.Numeric ? "numeric" : "text")).ToList(), spec.Classes));
    }

    // Live variants following @production that the endpoint did not already serve the same way.
    private static List<string> NewProductionVariants(EndpointDefinition? before, EndpointDefinition after) =>
        after.Live.Where(v => v.Alias == EndpointDefinition.ProductionAlias)
            .Where(v => before?.Live.Any(old => old.Name == v.Name && old.Model == v.Model) != true)
            .Select(v => $"{v.Name} → {v.Model}").ToList();

    private static string Folder(string? asked, string? current, ServerOptions options)
    {
        var served = options.UseCases.Select(Path.GetFullPath).ToList();
        if (asked is null) return current ?? served.FirstOrDefault() ?? Path.GetFullPath(".");
        var full = Path.GetFullPath(asked);
        return served.Contains(full, StringComparer.Ordinal) ? full
            : throw new InputException($"'{asked}' is not a use case this server serves; served: {string.Join(", ", served)}", "useCaseFolder");
    }

    private static ProblemHttpResult Missing(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "NotFound", detail: $"no endpoint named '{name}'", extensions: Element("endpoint"));

    private static Dictionary<string, object?> Element(string element) => new() { ["element"] = element };
}

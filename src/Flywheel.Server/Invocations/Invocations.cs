using Flywheel.Operate.Access;
using Flywheel.Operate.Endpoints;
using Flywheel.Operate.Inference;
using Flywheel.Server.Security;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flywheel.Server.Invocations;

/// <summary>
/// The SageMaker container contract and the MLflow scoring protocol on one scorer: <c>GET /ping</c> (anonymous),
/// <c>POST /invocations</c> (the one endpoint), <c>POST /endpoints/{name}/invocations</c>, <c>GET /execution-parameters</c>,
/// <c>GET /version</c>. The runtime that loads the endpoints is registered here too (<see cref="EndpointRuntime"/>).
/// </summary>
public static class Invocations
{
    public const string Tag = "Inference (SageMaker, MLflow)";

    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(new EndpointRuntimeOptions());
        builder.Services.TryAddSingleton(new InvocationOptions());
        builder.Services.AddSingleton(services =>
        {
            var store = services.GetRequiredService<ServerStore>();
            var options = store.Options;
            var stores = new UseCaseStores(options.UseCases.Count > 0 ? options.UseCases[0] : ".", store.Store, options.StoreOptions);
            return new EndpointRuntime(store.Store, stores, services.GetRequiredService<EndpointRuntimeOptions>(), services.GetRequiredService<ILogger<EndpointRuntime>>());
        });
        builder.Services.AddSingleton<IEndpointModels>(services => services.GetRequiredService<EndpointRuntime>());
        builder.Services.AddSingleton<InvocationHandler>();
        builder.Services.AddHostedService<InferenceRuntimeService>();
        builder.Services.AddHealthChecks().AddCheck<ModelsHealthCheck>("models", tags: ["ready"]);
    }

    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags(Tag);
        group.MapGet("/ping", (EndpointRuntime runtime) => runtime.Ready ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous().WithName("Ping").WithSummary("SageMaker health: 200 with an empty body when every endpoint has its models loaded, else 503")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status503ServiceUnavailable);
        Invocation(group.MapPost("/invocations", (HttpContext context, InvocationHandler handler) => handler.InvokeAsync(context, null)))
            .WithName("Invoke").WithSummary("Score rows with the server's one endpoint (SageMaker container mode, MLflow's /invocations)");
        Invocation(group.MapPost("/endpoints/{name}/invocations", (HttpContext context, string name, InvocationHandler handler) => handler.InvokeAsync(context, name)))
            .WithName("InvokeEndpoint").WithSummary("Score rows with a named endpoint (SageMaker InvokeEndpoint)");
        group.MapGet("/execution-parameters", (InvocationOptions options) => TypedResults.Ok(new ExecutionParameters(Math.Max(1, Environment.ProcessorCount), "MULTI_RECORD", (int)(options.MaxBodyBytes / (1024 * 1024)))))
            .Requires(Permission.Read).WithName("ExecutionParameters").WithSummary("What a SageMaker batch transform may send this container");
        group.MapGet("/version", () => TypedResults.Text(typeof(Invocations).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"))
            .Requires(Permission.Read).WithName("Version").WithSummary("The server's version (MLflow's /version)").Produces<string>(contentType: "text/plain");
        return app;
    }

    private static RouteHandlerBuilder Invocation(RouteHandlerBuilder route) => route
        .Requires(Permission.Invoke)
        .AddOpenApiOperationTransformer(DescribeBody)
        .Produces<string>(StatusCodes.Status200OK, RequestDecoder.Json, RequestDecoder.Csv, RequestDecoder.JsonLines)
        .Produces(StatusCodes.Status204NoContent)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status406NotAcceptable).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status424FailedDependency)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    // The body is read by the handler (any of three content types, a 415 problem otherwise): `Accepts` metadata would
    // make routing answer 415 itself, without a problem document, so the request body is described here instead.
    internal static Task DescribeBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "Rows to score: text/csv (SageMaker: no header, the model's column order; MLflow: a header row), application/json (MLflow dataframe_split, dataframe_records, inputs, instances + params; SageMaker {\"instances\":[…]}; a list of records), application/jsonlines",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [RequestDecoder.Csv] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                [RequestDecoder.Json] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                [RequestDecoder.JsonLines] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>SageMaker's <c>GET /execution-parameters</c> answer.</summary>
    public sealed record ExecutionParameters(
        [property: JsonPropertyName("MaxConcurrentTransforms")] int MaxConcurrentTransforms,
        [property: JsonPropertyName("BatchStrategy")] string BatchStrategy,
        [property: JsonPropertyName("MaxPayloadInMB")] int MaxPayloadInMB);
}

using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Flywheel.Server.Operations;

/// <summary>
/// The OpenAPI 3 document (<c>/openapi/v1.json</c>) and its browsable page (<c>/scalar</c>, Scalar's assets served from
/// the package itself, no CDN). Both need Read: the document lists every route of a server that may hold a team's
/// models, and only <c>/ping</c> and <c>/health</c> are open. The transformers add the two ways to present a key
/// (Bearer, X-Api-Key), each operation's permission and roles, and the problem documents every guarded route can answer.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "apiKey";

    public static void AddServices(WebApplicationBuilder builder) => builder.Services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Flywheel";
            document.Info.Description = "Models that serve customers: inference (SageMaker, MLflow and native), jobs, registry, keys and audit.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Authorization: Bearer <API key>",
            };
            document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.HeaderName,
                Description = "X-Api-Key: <API key>",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DescribeAccessAsync);
    });

    public static void Map(WebApplication app)
    {
        app.MapOpenApi().Requires(Permission.Read);
        app.MapScalarApiReference(options => options.WithTitle("Flywheel API")).Requires(Permission.Read);
    }

    private static async Task DescribeAccessAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= new OpenApiResponses();
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        AddProblem(operation, "500", "Internal failure (details are in the server's log)", problem);
        if (metadata.OfType<IAllowAnonymous>().Any()) return;

        var permission = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p?.StartsWith("flywheel:", StringComparison.Ordinal) == true);
        if (permission is not null && Enum.TryParse<Permission>(permission["flywheel:".Length..], out var needed))
        {
            var roles = string.Join(", ", Roles.WithPermission(needed));
            operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Needs the {needed} permission (roles: {roles}).";
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-flywheel-permission"] = new JsonNodeExtension(needed.ToString());
        }
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, context.Document)] = [] });
        AddProblem(operation, "401", "No API key, or an unknown, revoked or expired one", problem);
        AddProblem(operation, "403", "The key's role lacks the permission this route needs", problem);
        AddProblem(operation, "400", "Bad input: the problem names the element (field, column and row)", problem);
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description, OpenApiSchema schema)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }
}

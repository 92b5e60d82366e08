using Microsoft.AspNetCore.Mvc;

namespace Flywheel.Server;

/// <summary>Errors as RFC 9457 problem documents (<c>application/problem+json</c>), the native API's one error shape.</summary>
public static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? element = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        if (element is not null) problem.Extensions["element"] = element;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>A library error as its problem: validation 400, not found 404, conflict 409, naming the request element.</summary>
    public static IResult From(FlywheelException error) =>
        TypedResults.Problem(detail: error.Describe(), statusCode: error.HttpStatus(), title: error.Kind.ToString(),
            extensions: Element(error) is { } where ? new Dictionary<string, object?> { ["element"] = where } : null);

    /// <summary>The request element an error names: a field (<c>role</c>), a column and row, a subject.</summary>
    public static string? Element(FlywheelException error) => error switch
    {
        InputException input => input.Line is { } line ? $"{input.File}:{line}" : input.File,
        NotFoundException missing => missing.Subject,
        ConflictException clash => clash.Subject,
        _ => null,
    };
}

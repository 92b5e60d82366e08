using Flywheel.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;

namespace Flywheel.Server;

/// <summary>
/// Builds the server: options, the one open store, API-key authentication with a policy per permission, problem
/// documents for errors, then each feature's services and routes (<see cref="ServerFeatures"/>). <c>flywheel serve</c>
/// runs it; tests build it with <paramref name="configure"/> swapping the host (TestServer).
/// </summary>
public static class FlywheelServer
{
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? configure = null, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://0.0.0.0:{options.Port}");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ServerStore>();
        builder.Services.AddSingleton<Flywheel.Storage.IHumanLabels>(services => services.GetRequiredService<ServerStore>().Store.HumanLabels);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddFlywheelPolicies();
        builder.Services.AddHostedService<ServerStartup>();
        ServerFeatures.Add(builder, options);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(handler => handler.Run(WriteUnhandledAsync));
        app.UseAuthentication();
        app.UseAuthorization();
        ServerFeatures.Map(app);
        return app;
    }

    // A library error that escaped a route is the caller's mistake (400/404/409), anything else a 500 without internals.
    private static Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return error switch
        {
            FlywheelException known => Problems.WriteAsync(context, known.HttpStatus(), known.Kind.ToString(), known.Describe(), Problems.Element(known)),
            BadHttpRequestException bad => Problems.WriteAsync(context, bad.StatusCode, "Bad request", bad.Message),
            _ => Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal failure", "the server failed; the error is in its log"),
        };
    }
}

/// <summary>Opens the store and makes sure an admin key exists before the server listens.</summary>
internal sealed class ServerStartup(ServerStore store, ServerOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await AdminKey.EnsureAsync(store.Store, options, Console.Out, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Flywheel.Operate.Capture;
using Flywheel.Operate.Endpoints;
using Flywheel.Server.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Capture;

/// <summary>
/// A server over an empty use-case folder whose only endpoint is <c>churn</c> (a stand-in for the inference part's
/// <see cref="IEndpointModels"/>), and capture events made to order.
/// </summary>
internal static class CaptureHost
{
    public const string Endpoint = "churn";

    public static Task<TestHost> StartAsync(TempFolder folder, Action<WebApplicationBuilder>? configure = null) =>
        TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path] }, builder =>
        {
            builder.Services.AddSingleton<IEndpointModels>(new KnownEndpoints(Endpoint));
            configure?.Invoke(builder);
        });

    public static CaptureEvent Event(int i, DateTimeOffset time, string variant = "primary") =>
        new(Endpoint, variant, "churn:2", $"inf-{i:D4}", $"evt-{i:D4}", time, "text/csv", $"{i},12.5,no",
            "application/json", $"{{\"predictions\":[{{\"score\":0.{i}}}]}}", TimeSpan.FromMilliseconds(0.8));

    private sealed class KnownEndpoints(params string[] names) : IEndpointModels
    {
        public Task<EndpointModel> ResolveAsync(string endpoint, string? variant = null, CancellationToken cancellation = default) =>
            names.Contains(endpoint)
                ? Task.FromResult(new EndpointModel(endpoint, variant ?? "primary", "churn:2", "."))
                : throw new NotFoundException($"there is no endpoint '{endpoint}'", $"endpoint:{endpoint}");
    }
}

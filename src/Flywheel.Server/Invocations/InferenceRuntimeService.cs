using Flywheel.Operate.Inference;
using Flywheel.UseCases;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flywheel.Server.Invocations;

/// <summary>
/// At start: creates each served use case's default endpoint when absent and loads every endpoint before the server
/// listens; then polls the store for endpoint changes and alias moves (<see cref="EndpointRuntime.RunAsync"/>).
/// </summary>
internal sealed class InferenceRuntimeService(EndpointRuntime runtime, ServerOptions options, TimeProvider clock, ILogger<InferenceRuntimeService> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _polling;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var useCases = new List<(string, string)>();
        foreach (var folder in options.UseCases)
        {
            try
            {
                useCases.Add((UseCaseLoader.Load(folder).Name, Path.GetFullPath(folder)));
            }
            catch (FlywheelException error)
            {
                logger.LogWarning("{Folder} is not a use case folder, so it gets no endpoint: {Error}", folder, error.Message);
            }
        }
        await runtime.EnsureDefaultsAsync(useCases, "server", cancellationToken);
        await runtime.RefreshAsync(cancellationToken);
        _polling = runtime.RunAsync(clock, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_polling is not null) await _polling.WaitAsync(cancellationToken);
    }
}

/// <summary>The readiness check <c>models</c>: healthy when every endpoint has its live variants loaded.</summary>
internal sealed class ModelsHealthCheck(EndpointRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = runtime.Endpoints.Values.Where(e => !e.Ready).Select(e => e.Name).ToList();
        return Task.FromResult(runtime.Ready ? HealthCheckResult.Healthy($"{runtime.Endpoints.Count} endpoint(s) loaded")
            : HealthCheckResult.Unhealthy(runtime.Endpoints.Count == 0 ? "no endpoint" : $"not loaded: {string.Join(", ", waiting)}"));
    }
}

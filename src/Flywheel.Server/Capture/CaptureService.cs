using Flywheel.Operate.Capture;

namespace Flywheel.Server.Capture;

/// <summary>
/// Runs the capture writer's loop for the life of the host. The buffer is written out in <see cref="StoppedAsync"/>,
/// after every hosted service (the web server among them) has stopped, so the requests that finish during a graceful
/// shutdown (SIGTERM) are captured too and nothing buffered is lost.
/// </summary>
internal sealed class CaptureService(CaptureWriter writer) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        writer.Start();
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => writer.CompleteAsync(cancellationToken);
}

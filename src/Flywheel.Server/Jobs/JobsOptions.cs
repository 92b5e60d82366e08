using Flywheel.Operate.Webhooks;

namespace Flywheel.Server.Jobs;

/// <summary>
/// How jobs run (the server's and <c>flywheel worker</c>'s). Register your own instance before building to change
/// them (tests do); the defaults suit production.
/// </summary>
public sealed record JobsOptions
{
    /// <summary>
    /// How long a job taken by a worker that stopped heartbeating stays invisible before another worker takes it. The
    /// invisibility is sliding (renewed while the worker lives), so it only bounds how late a killed worker's job
    /// is picked up: 5 minutes in production; the kill test uses seconds.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle worker looks for new jobs.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a failed attempt (Hangfire's <c>AutomaticRetry</c>); bad input is never retried.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The wait before each retry (the last one repeats).</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>How long a stopping worker waits for its jobs to notice the cancel before it gives up on them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The secret that signs notifications to per-request callback URLs; null: read or created in <c>&lt;state&gt;/webhook.secret</c>.</summary>
    public string? CallbackSecret { get; init; }

    /// <summary>Webhooks called for every async invocation of an endpoint (name → target).</summary>
    public IReadOnlyDictionary<string, WebhookTarget> EndpointWebhooks { get; init; } = new Dictionary<string, WebhookTarget>();

    public WebhookRetryPolicy WebhookRetry { get; init; } = new();

    /// <summary>Largest upload (<c>POST /api/v1/uploads</c>).</summary>
    public long MaxUploadBytes { get; init; } = 1L << 30;
}

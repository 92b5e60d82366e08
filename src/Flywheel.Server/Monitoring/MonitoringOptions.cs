using Flywheel.Operate.Capture;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Webhooks;
using Flywheel.Storage;

namespace Flywheel.Server.Monitoring;

/// <summary>
/// How the server monitors: the webhooks every alert goes to (configuration <c>Monitoring:Webhooks</c>, a list of
/// <c>{"Url", "Secret"}</c>), how often the recurring jobs are brought in line with the endpoints and their
/// <c>monitoring.schedule</c>, and (tests) the engine that computes a report. Register your own instance to change them.
/// </summary>
public sealed record MonitoringOptions
{
    public IReadOnlyList<WebhookTarget> Webhooks { get; init; } = [];

    public TimeSpan ScheduleRefresh { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The engine for a use case's registry store; null: <see cref="MonitoringEngine"/>.</summary>
    public Func<MetadataStore, CaptureReader, IMonitoringEngine>? Engine { get; init; }

    /// <summary>Reads <c>Monitoring:Webhooks:N:Url</c> and <c>…:Secret</c> (a bad URL fails the start, naming the key).</summary>
    public static MonitoringOptions FromConfiguration(IConfiguration configuration)
    {
        var targets = new List<WebhookTarget>();
        foreach (var child in configuration.GetSection("Monitoring:Webhooks").GetChildren())
        {
            var url = child["Url"] ?? throw new InputException("a monitoring webhook needs a Url", $"Monitoring:Webhooks:{child.Key}:Url");
            var secret = child["Secret"] ?? throw new InputException("a monitoring webhook needs a Secret to sign its body", $"Monitoring:Webhooks:{child.Key}:Secret");
            targets.Add(new WebhookTarget(WebhookTarget.ParseUrl(url, $"Monitoring:Webhooks:{child.Key}:Url"), secret));
        }
        return new MonitoringOptions { Webhooks = targets };
    }
}

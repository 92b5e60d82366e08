using Flywheel.Operate.Capture;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Tasks;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>A small binary model's spec (x numeric, plan text; "yes" positive at 0.5, review in [0.4, 0.5)) and captured records made to order.</summary>
internal static class MonitoringFixtures
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly ServingSpec Spec = new(MlTask.Binary, [new ServingInputColumn("x", true), new ServingInputColumn("plan", false)], ["no", "yes"],
        new ServingPolicy("churn", "yes", false, 0.5, 0.4, 0.5, "JPY"));

    public static string Answer(params (string Label, double Score, string Decision)[] rows) =>
        "{\"predictions\":[" + string.Join(",", rows.Select(r => $"{{\"predicted_label\":\"{r.Label}\",\"score\":{r.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"decision\":\"{r.Decision}\",\"inference_id\":\"i\"}}")) + "]}";

    public static CapturedRecord Csv(int i, string body, string answer, string? truth = null, int minutes = 0) =>
        new($"inf-{i}", $"evt-{i}", Start.AddMinutes(minutes), "primary", "churn:1", body, "CSV", answer, "JSON", 1, false, truth);

    public static CapturedRecord Json(int i, string body, string answer, string? truth = null, int minutes = 0) =>
        new($"inf-{i}", $"evt-{i}", Start.AddMinutes(minutes), "primary", "churn:1", body, "JSON", answer, "JSON", 1, false, truth);

    public static WindowRows Decode(params CapturedRecord[] records) => WindowDecoder.Decode(Spec, records);

    public static WindowRows Decode(IReadOnlySet<string> keep, params CapturedRecord[] records) => WindowDecoder.Decode(Spec, records, keep);
}

/// <summary>Human labels held in memory, as the review part's SQL store will answer them.</summary>
internal sealed class FakeHumanLabels(params HumanLabel[] labels) : IHumanLabels
{
    public Task<IReadOnlyList<HumanLabel>> ListAsync(string endpoint, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HumanLabel>>(labels.Where(l => l.Endpoint == endpoint && (since is null || l.At >= since) && (until is null || l.At < until)).ToList());
}

using System.Net;
using System.Text.Json;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Alerts;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Webhooks;
using Flywheel.Storage;
using Flywheel.Tests.Data;

namespace Flywheel.Tests.Operate.Monitoring;

public class AlertTests
{
    [Fact]
    public async Task An_alert_opens_stays_open_with_count_two_and_resolves_when_the_drift_clears()
    {
        using var folder = new TempFolder();
        var store = MetadataStore.ForUseCase(folder.Path);
        var engine = new QueuedEngine(
            ReportFixtures.Report(ReportFixtures.Drift("age", true), ReportFixtures.Drift("plan", false)),
            ReportFixtures.Report(ReportFixtures.Drift("age", true, 0.4), ReportFixtures.Drift("plan", false)),
            ReportFixtures.Report(ReportFixtures.Drift("age", false), ReportFixtures.Drift("plan", false)));
        var service = new MonitoringService(engine, new MonitoringStore(store));
        var request = ReportFixtures.Request(ReportFixtures.UseCase());

        var first = await service.RunAsync(request, "test");
        var opened = Assert.Single(first.Changes.Opened);
        Assert.Equal((CheckTypes.BaselineDrift, "age", 1, AlertStates.Open), (opened.Check, opened.Feature, opened.Count, opened.State));
        Assert.Equal("data engineer", opened.Role);
        Assert.Equal(0.3, opened.Evidence.GetProperty("statistic").GetDouble());
        Assert.Single(first.Report.Alerts);

        var second = await service.RunAsync(request, "test");
        Assert.Empty(second.Changes.Opened);
        var continued = Assert.Single(second.Changes.Continued);
        Assert.Equal((opened.Id, 2, AlertStates.Open), (continued.Id, continued.Count, continued.State));
        Assert.Equal(0.4, continued.Evidence.GetProperty("statistic").GetDouble());
        Assert.Equal(second.Run.Summary.Id, continued.LastRunId);
        Assert.Equal(first.Run.Summary.Id, continued.FirstRunId);

        var third = await service.RunAsync(request, "test");
        Assert.Empty(third.Report.Alerts);
        var resolved = Assert.Single(third.Changes.Resolved);
        Assert.Equal((opened.Id, AlertStates.Resolved), (resolved.Id, resolved.State));

        var stored = Assert.Single(await new MonitoringStore(store).ListAlertsAsync("churn"));
        Assert.Equal((AlertStates.Resolved, 2), (stored.State, stored.Count));
        var trail = await store.AuditTrailAsync(MonitoringStore.Subject(opened.Id));
        Assert.Equal(["alert.open", "alert.resolve"], trail.Select(e => e.Action));
        Assert.Equal(3, (await new MonitoringStore(store).ListRunsAsync("churn")).Total);
        var recorded = Assert.Single(await store.AuditTrailAsync(MonitoringStore.RunSubject(third.Run.Summary.Id)));
        Assert.Equal(("monitoring-run.record", "test"), (recorded.Action, recorded.Actor));
        Assert.Contains("\"resolved\":1", recorded.DetailsJson, StringComparison.Ordinal);
        // The stored report is the contract: alerts filled, pValue kept.
        var run = await new MonitoringStore(store).GetRunAsync(first.Run.Summary.Id);
        Assert.Equal("age", Assert.Single(run.Report.Alerts).Feature);
    }

    [Fact]
    public async Task A_run_counts_the_windows_feedback_per_version_beside_quality()
    {
        using var folder = new TempFolder();
        var clock = new Flywheel.Tests.Storage.ManualClock(ReportFixtures.From.AddHours(-1));
        var store = MetadataStore.ForUseCase(folder.Path, new StoreOptions { Clock = clock });
        var feedback = new Flywheel.Operate.Feedback.FeedbackStore(store, new Flywheel.Operate.Capture.CaptureReader(store.Artifacts.Root));
        await feedback.PostAsync("churn", new("inf-0", "useful", null, null), "key:early", allowUncaptured: true); // before the window
        clock.Advance(TimeSpan.FromHours(2));
        await feedback.PostAsync("churn", new("inf-1", "useful", null, null), "key:a", allowUncaptured: true);
        await feedback.PostAsync("churn", new("inf-2", "not_useful", "yes", null), "key:a", allowUncaptured: true);
        await feedback.PostAsync("churn", new("inf-3", "useful", null, null), "key:b", allowUncaptured: true);

        var outcome = await new MonitoringService(new QueuedEngine(ReportFixtures.Report()), new MonitoringStore(store))
            .RunAsync(ReportFixtures.Request(ReportFixtures.UseCase()), "test");

        var counts = Assert.Single(outcome.Report.Feedback);
        Assert.Equal((3, 2, 1, 1), (counts.Total, counts.Useful, counts.NotUseful, counts.WithLabel));
        Assert.Equal(2.0 / 3, counts.UsefulShare!.Value, 12);
        var stored = await new MonitoringStore(store).GetRunAsync(outcome.Run.Summary.Id);
        Assert.Equal(3, Assert.Single(stored.Report.Feedback).Total);
        var html = Flywheel.Operate.Monitoring.Reporting.MonitoringReportDocument.Build(stored.Report).ToHtml();
        Assert.Contains("useful share", html);
    }

    [Fact]
    public async Task Acknowledging_is_audited_and_a_second_acknowledge_is_a_conflict()
    {
        using var folder = new TempFolder();
        var store = MetadataStore.ForUseCase(folder.Path);
        var service = new MonitoringService(new QueuedEngine(ReportFixtures.Report(ReportFixtures.Drift("age", true))), new MonitoringStore(store));
        var outcome = await service.RunAsync(ReportFixtures.Request(ReportFixtures.UseCase()), "test");
        var id = outcome.Changes.Opened[0].Id;
        var acknowledged = await new MonitoringStore(store).AcknowledgeAsync(id, "key:alice");
        Assert.Equal((AlertStates.Acknowledged, "key:alice"), (acknowledged.State, acknowledged.AcknowledgedBy));
        await Assert.ThrowsAsync<ConflictException>(() => new MonitoringStore(store).AcknowledgeAsync(id, "key:bob"));
        await Assert.ThrowsAsync<NotFoundException>(() => new MonitoringStore(store).AcknowledgeAsync(Guid.NewGuid(), "key:bob"));
        Assert.Contains(await store.AuditTrailAsync(MonitoringStore.Subject(id)), e => e.Action == "alert.acknowledge" && e.Actor == "key:alice");
        await Assert.ThrowsAsync<InputException>(() => new MonitoringStore(store).ListAlertsAsync(state: "closed"));
    }

    [Fact]
    public void The_role_to_ask_is_the_feature_owner_else_the_check_owner_else_the_default_of_the_check()
    {
        var useCase = ReportFixtures.UseCase("""
            monitoring:
              owners: { age: CRM engineers, baseline_drift_check: Data platform team, model_quality_check: ML team }
            """, "owner: Retention manager");
        Assert.Equal("CRM engineers", AlertRoles.For(CheckTypes.BaselineDrift, "age", useCase));
        Assert.Equal("Data platform team", AlertRoles.For(CheckTypes.BaselineDrift, "plan", useCase));
        Assert.Equal("ML team", AlertRoles.For(CheckTypes.ModelQuality, null, useCase));
        Assert.Equal("data engineer", AlertRoles.For(CheckTypes.Completeness, "plan", useCase));
        Assert.Equal("data scientist", AlertRoles.For(CheckTypes.AttributionDrift, null, useCase));
        Assert.Equal("model risk manager", AlertRoles.For(CheckTypes.BiasDrift, "gender:DPPL", useCase));
        Assert.Equal("CRM engineers", AlertRoles.For(CheckTypes.BiasDrift, "age:DI", useCase));
        Assert.Equal("Retention manager", AlertRoles.For(CheckTypes.RealizedValue, null, useCase));
        Assert.Equal("product manager", AlertRoles.For(CheckTypes.RealizedValue, null, ReportFixtures.UseCase()));
    }

    [Fact]
    public void Quality_value_dataset_drift_and_missing_columns_are_critical_and_thresholds_come_from_the_file()
    {
        var useCase = ReportFixtures.UseCase("monitoring: { thresholds: { quality_drop: 0.02, value_shortfall: 0.5 } }");
        var report = ReportFixtures.Report() with
        {
            Violations = [new Violation("plan", CheckTypes.MissingColumn, "plan is missing"), new Violation("age", CheckTypes.Completeness, "age 80 % complete", 0.8, 0.9)],
            DatasetDrift = new DatasetDrift(0.6, 0.5, true, 3, 5),
            // auc fell 0.03 (> 0.02); rmse-like metrics rising would count too; f1 fell 0.01 (within).
            Quality = new QualityReport(300, new Dictionary<string, double> { ["auc"] = 0.82, ["f1"] = 0.59 }, null,
                new Dictionary<string, double> { ["auc"] = 0.85, ["f1"] = 0.60 }, TimeSpan.FromHours(1)),
            // 40 % short of the promise: within 0.5, no alert.
            RealizedValue = new RealizedValue(60, 6000, 100, 10000, "JPY", 300),
            Attribution = new AttributionDrift(0.8, 0.9, true, new Dictionary<string, double>(), new Dictionary<string, double>()),
        };
        var candidates = AlertRules.From(report, useCase).ToDictionary(c => (c.Check, c.Feature));
        Assert.Equal(AlertSeverity.Critical, candidates[(CheckTypes.MissingColumn, "plan")].Severity);
        Assert.Equal(AlertSeverity.Warning, candidates[(CheckTypes.Completeness, "age")].Severity);
        Assert.Equal(AlertSeverity.Critical, candidates[(CheckTypes.DatasetDrift, null)].Severity);
        var quality = candidates[(CheckTypes.ModelQuality, null)];
        Assert.Equal(AlertSeverity.Critical, quality.Severity);
        Assert.Contains("auc", quality.Message);
        Assert.DoesNotContain("f1", quality.Message);
        Assert.False(candidates.ContainsKey((CheckTypes.RealizedValue, null)));
        Assert.Equal(AlertSeverity.Warning, candidates[(CheckTypes.AttributionDrift, null)].Severity);
        Assert.Equal(0.4, AlertRules.Shortfall(report.RealizedValue!)!.Value, 12);
        Assert.Contains((CheckTypes.RealizedValue, (string?)null), AlertRules.From(report, ReportFixtures.UseCase()).Select(c => (c.Check, c.Feature)));
    }

    [Fact]
    public async Task Opened_and_resolved_alerts_reach_the_webhook_signed()
    {
        using var folder = new TempFolder();
        var store = MetadataStore.ForUseCase(folder.Path);
        var listener = new Listener();
        var target = new WebhookTarget(new Uri("http://hooks.test/alerts"), "s3cret");
        var notifier = new AlertNotifier(new WebhookSender(new HttpClient(listener), new WebhookRetryPolicy(2, TimeSpan.FromMilliseconds(1))), [target]);
        var service = new MonitoringService(new QueuedEngine(ReportFixtures.Report(ReportFixtures.Drift("年齢", true)), ReportFixtures.Report(ReportFixtures.Drift("年齢", false))),
            new MonitoringStore(store), notifier);
        var request = ReportFixtures.Request(ReportFixtures.UseCase());
        await service.RunAsync(request, "test");
        await service.RunAsync(request, "test");

        Assert.Equal([AlertNotifier.Opened, AlertNotifier.Resolved], listener.Received.Select(r => r.Event));
        foreach (var (_, signature, body) in listener.Received) Assert.True(WebhookSignature.Verify("s3cret", body, signature));
        using var opened = JsonDocument.Parse(listener.Received[0].Body);
        var alert = opened.RootElement.GetProperty("alert");
        Assert.Equal(("churn", "年齢", "baseline_drift_check", "open"), (opened.RootElement.GetProperty("endpoint").GetString(), alert.GetProperty("feature").GetString(),
            alert.GetProperty("check").GetString(), alert.GetProperty("state").GetString()));
        Assert.Equal(0.001, alert.GetProperty("evidence").GetProperty("pValue").GetDouble());
        using var resolved = JsonDocument.Parse(listener.Received[1].Body);
        Assert.Equal("resolved", resolved.RootElement.GetProperty("alert").GetProperty("state").GetString());
    }

    private sealed class Listener : HttpMessageHandler
    {
        public List<(string Event, string? Signature, byte[] Body)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Received.Add((request.Headers.GetValues(WebhookSender.EventHeader).Single(), request.Headers.GetValues(WebhookSignature.Header).Single(), body));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}

using System.Net;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Retraining;

/// <summary>The shadow variant against the champion on the same captured requests, on a window small enough to check by hand.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ShadowComparisonRoutesTests(TrainedModels trained) : IAsyncLifetime
{
    private TempFolder _folder = null!;
    private TestHost _host = null!;

    private string Endpoint => trained.Churn.Name;
    private string Route => $"/api/v1/endpoints/{Endpoint}/shadow-comparison";

    public async Task InitializeAsync()
    {
        _folder = trained.Churn.Copy();
        _host = await TestHost.StartAsync(new ServerOptions { UseCases = [_folder.Path], RunJobs = false });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Paired_requests_agreement_score_difference_and_the_value_of_each_side_are_computed_on_the_same_requests()
    {
        var (header, rows) = ChurnCapture.Read(_folder.Path, 7);
        var root = _host.Store.Store.Artifacts.Root;
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        void Live(int i, double score, string label, bool review = false) => CapturedRequests.Write(root,
            CapturedRequests.Event(Endpoint, $"inf-{i}", start.AddMinutes(i), header + "\n" + rows[i].Inputs, CapturedRequests.Answer(score, label, review)));
        void Shadow(int i, double score, string label) => CapturedRequests.Write(root,
            CapturedRequests.Event(Endpoint, $"inf-{i}", start.AddMinutes(i).AddMilliseconds(5), header + "\n" + rows[i].Inputs, CapturedRequests.Answer(score, label), variant: "shadow", shadow: true));
        // champion (score, label, decision) | shadow (score, label)  | truth  → champion value | shadow value (tp −500, fp −500, fn −200,000, tn 0)
        Live(1, 0.9, "yes"); Shadow(1, 0.7, "yes");                  // yes    → tp −500       | tp −500
        Live(2, 0.2, "no"); Shadow(2, 0.6, "yes");                   // no     → tn 0          | fp −500
        Live(3, 0.4, "no"); Shadow(3, 0.3, "no");                    // yes    → fn −200,000   | fn −200,000
        Live(4, 0.55, "yes", review: true); Shadow(4, 0.45, "yes");  // no     → review, tn 0  | fp −500
        Live(5, 0.1, "no");                                          // the shadow missed it: unpaired
        Shadow(6, 0.1, "no");                                        // no live record: unpaired
        // Before the window: left out.
        CapturedRequests.Write(root, CapturedRequests.Event(Endpoint, "inf-0", start.AddHours(-3), header + "\n" + rows[0].Inputs, CapturedRequests.Answer(0.9, "yes")));
        CapturedRequests.Write(root, CapturedRequests.Event(Endpoint, "inf-0", start.AddHours(-3), header + "\n" + rows[0].Inputs, CapturedRequests.Answer(0.1, "no"), variant: "shadow", shadow: true));
        var truth = await _host.Admin().PostJsonAsync($"/api/v1/endpoints/{Endpoint}/ground-truth",
            """{"records":[{"inferenceId":"inf-0","label":"no"},{"inferenceId":"inf-1","label":"yes"},{"inferenceId":"inf-2","label":"no"},{"inferenceId":"inf-3","label":"yes"},{"inferenceId":"inf-4","label":"no"}]}""");
        Assert.Equal(HttpStatusCode.Accepted, truth.StatusCode);

        var report = await (await _host.AsAsync(Roles.Viewer)).GetJsonAsync($"{Route}?since=4h");

        Assert.Equal("shadow", report.GetProperty("shadowVariant").GetString());
        Assert.Equal((4, 4, 1, 1), (report.GetProperty("pairedRequests").GetInt32(), report.GetProperty("pairedRows").GetInt32(),
            report.GetProperty("unpairedChampionRequests").GetInt32(), report.GetProperty("unpairedShadowRequests").GetInt32()));
        // Decisions: yes|yes, no|yes, no|no, review|yes → 2 of 4; labels: yes|yes, no|yes, no|no, yes|yes → 3 of 4.
        Assert.Equal(0.5, report.GetProperty("decisionAgreement").GetDouble());
        Assert.Equal(0.75, report.GetProperty("labelAgreement").GetDouble());
        // |0.9−0.7| + |0.2−0.6| + |0.4−0.3| + |0.55−0.45| = 0.8, over 4.
        Assert.Equal(0.2, report.GetProperty("meanAbsoluteScoreDifference").GetDouble(), 1e-12);
        Assert.Equal(4, report.GetProperty("labelledRows").GetInt32());

        var champion = report.GetProperty("champion");
        var shadow = report.GetProperty("shadow");
        Assert.Equal(["telco-churn:1"], champion.GetProperty("modelVersions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal((4, 1, 1), (champion.GetProperty("rows").GetInt32(), champion.GetProperty("reviewRows").GetInt32(), champion.GetProperty("positiveRows").GetInt32()));
        Assert.Equal((4, 0, 3), (shadow.GetProperty("rows").GetInt32(), shadow.GetProperty("reviewRows").GetInt32(), shadow.GetProperty("positiveRows").GetInt32()));
        // Champion (−500 + 0 − 200,000 + 0) / 4 = −50,125; shadow (−500 − 500 − 200,000 − 500) / 4 = −50,375; per day at decision.volume 100.
        AssertValue(champion.GetProperty("value"), -50_125, -5_012_500);
        AssertValue(shadow.GetProperty("value"), -50_375, -5_037_500);
        Assert.Equal(-250, report.GetProperty("valuePerItemAdded").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Without_a_shadow_the_comparison_is_empty_and_says_why_and_bad_windows_and_endpoints_are_refused()
    {
        var viewer = await _host.AsAsync(Roles.Viewer);

        var empty = await viewer.GetJsonAsync(Route);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("shadowVariant").ValueKind);
        Assert.Equal(0, empty.GetProperty("pairedRequests").GetInt32());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("decisionAgreement").ValueKind);
        Assert.Contains(empty.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("no shadow variant", StringComparison.Ordinal));

        await Problem.AssertAsync(await viewer.GetAsync($"{Route}?since=yesterday"), HttpStatusCode.BadRequest, "since");
        await Problem.AssertAsync(await viewer.GetAsync($"{Route}?since=1h&until=2h"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await viewer.GetAsync("/api/v1/endpoints/no-such-endpoint/shadow-comparison"), HttpStatusCode.NotFound, "endpoint");
        await Problem.AssertAsync(await (await _host.AsAsync(Roles.Invoker)).GetAsync(Route), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await _host.Anonymous().GetAsync(Route), HttpStatusCode.Unauthorized);
    }

    private static void AssertValue(JsonElement value, double perItem, double perDay)
    {
        Assert.Equal(perItem, value.GetProperty("perItem").GetDouble(), 1e-9);
        Assert.Equal(perDay, value.GetProperty("perDay").GetDouble(), 1e-6);
        Assert.Equal("JPY", value.GetProperty("currency").GetString());
        Assert.Equal(4, value.GetProperty("items").GetInt64());
    }
}

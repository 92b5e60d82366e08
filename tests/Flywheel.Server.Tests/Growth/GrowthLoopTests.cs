using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Production;
using Flywheel.Operate.Review;
using Flywheel.Server.Jobs;
using Flywheel.Server.Monitoring;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Server.Tests.Retraining;
using Flywheel.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Growth;

/// <summary>
/// The growth cycle turned once on the embedded default (SQLite, in-memory server), every step through the HTTP API
/// with the role a person in that seat has: an application sends drifted traffic, monitoring alerts the data engineer,
/// ground truth arrives, quality and realized value appear, a reviewer decides the queued items, the labels become
/// the production dataset, a retrain compares the challenger with the champion in yen, a scientist may not promote
/// it, an approver does, and the audit log holds every step.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class GrowthLoopTests(TrainedModels trained)
{
    private const string Endpoint = "telco-churn";
    private const int Requests = 300;
    private const int GroundTruthRows = 200;
    private const string DriftedFeature = "total_day_minutes";
    private const double DriftFactor = 1.6;
    private const double ReviewSample = 0.2;

    /// <summary>What the endpoint answered one request (one row): its inference id, the true label it will get, the model's answer and score.</summary>
    private sealed record Served(int Index, string InferenceId, string Label, string Predicted, double Score, string Decision)
    {
        /// <summary>Right at the metric catalog's threshold (0.5), where training, monitoring and the comparison measure accuracy.</summary>
        public bool RightAtHalf => Score >= 0.5 == (Label == "yes");
    }

    [Fact]
    public async Task Drifted_traffic_alerts_labels_flow_back_a_retrained_challenger_is_compared_in_yen_and_only_an_approver_promotes_it_all_audited()
    {
        using var folder = trained.Churn.Copy();
        // The random review sample makes the queue independent of whether the trained policy has a review band.
        File.AppendAllText(Path.Combine(folder.Path, "flywheel.yaml"), $"review:\n  sample: {ReviewSample.ToString(CultureInfo.InvariantCulture)}\n");
        await using var host = await StartAsync(folder.Path);
        var invoker = await host.AsAsync(Roles.Invoker);
        var scientist = await host.AsAsync(Roles.Scientist);
        var reviewer = await host.AsAsync(Roles.Reviewer);
        var approver = await host.AsAsync(Roles.Approver);
        var viewer = await host.AsAsync(Roles.Viewer);

        // 1. Serve: one-row MLflow CSV requests from the sample, total_day_minutes scaled by 1.6 so that it drifts.
        var (header, rows) = ChurnCapture.Read(folder.Path, Requests);
        var drifted = Array.IndexOf(header.Split(','), $"\"{DriftedFeature}\"");
        Assert.True(drifted >= 0);
        var served = new List<Served>();
        for (var i = 0; i < Requests; i++)
            served.Add(await InvokeAsync(invoker, i, header, Drift(rows[i].Inputs, drifted), rows[i].Label));
        await WaitForCaptureAsync(viewer, Requests);

        // 2. Monitoring: the drifted feature is found and its alert names the role to ask; no labels yet, so no quality.
        var first = await MonitorAsync(scientist);
        Assert.Equal(Requests, first.GetProperty("window").GetProperty("rows").GetInt64());
        var drift = first.GetProperty("drift").EnumerateArray().Single(d => d.GetProperty("feature").GetString() == DriftedFeature);
        Assert.True(drift.GetProperty("drifted").GetBoolean(), drift.ToString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("quality").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("realizedValue").ValueKind);
        var alert = first.GetProperty("alerts").EnumerateArray()
            .Single(a => a.GetProperty("check").GetString() == "baseline_drift_check" && a.GetProperty("feature").GetString() == DriftedFeature);
        Assert.Equal("data engineer", alert.GetProperty("role").GetString());
        var open = await JsonAsync(await viewer.GetAsync($"/api/v1/alerts?endpoint={Endpoint}&state=open"));
        Assert.Contains(open.EnumerateArray(), a => a.GetProperty("check").GetString() == "baseline_drift_check" && a.GetProperty("feature").GetString() == DriftedFeature
            && a.GetProperty("role").GetString() == "data engineer");

        // 3. Ground truth for the first 200 inferences; the next run measures quality and realized value on exactly those rows.
        var labelled = served.Take(GroundTruthRows).ToList();
        var posted = await invoker.PostAsJsonAsync($"/api/v1/endpoints/{Endpoint}/ground-truth",
            new { records = labelled.Select(s => new { inferenceId = s.InferenceId, label = s.Label }) });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(GroundTruthRows, (await JsonAsync(posted)).GetProperty("accepted").GetInt32());
        var second = await MonitorAsync(scientist);
        var quality = second.GetProperty("quality");
        Assert.Equal(GroundTruthRows, quality.GetProperty("rows").GetInt64());
        var accuracy = labelled.Count(s => s.RightAtHalf) / (double)GroundTruthRows;
        Assert.Equal(accuracy, quality.GetProperty("metrics").GetProperty("accuracy").GetDouble(), 1e-12);
        var realized = second.GetProperty("realizedValue");
        var perItem = labelled.Average(Price);
        Assert.Equal(perItem, realized.GetProperty("perItem").GetDouble(), 1e-9);
        Assert.Equal(perItem * 100, realized.GetProperty("perDay").GetDouble(), 1e-6);   // decision.volume: 100 customers/day
        Assert.True(double.IsFinite(realized.GetProperty("promisedPerDay").GetDouble()));

        // 4. Review: the intake queues the review band and the 20% sample; a scientist may not claim, the reviewer decides every item.
        var expected = served.Where(s => s.Decision == "review" || Draw(s.InferenceId, 0) < ReviewSample).Select(s => s.InferenceId).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        var queued = await IntakeAsync(scientist, viewer, expected.Count);
        Assert.Equal(expected, queued.Select(i => i.GetProperty("inferenceId").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await scientist.PostAsJsonAsync("/api/v1/review/next", new { endpoint = Endpoint })).StatusCode);
        var byId = served.ToDictionary(s => s.InferenceId);
        var decided = new List<string>();
        for (var claimed = await ClaimAsync(reviewer); claimed is { } item; claimed = await ClaimAsync(reviewer))
        {
            var inference = item.GetProperty("item").GetProperty("inferenceId").GetString()!;
            var decision = await reviewer.PostAsJsonAsync($"/api/v1/review/items/{item.GetProperty("item").GetProperty("id").GetInt64()}/decision",
                new { label = byId[inference].Label, comment = "checked against the account history" });
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
            Assert.Equal(ReviewStates.Decided, (await JsonAsync(decision)).GetProperty("state").GetString());
            decided.Add(inference);
        }
        Assert.Equal(expected, decided.Order(StringComparer.Ordinal));

        // 5. The production dataset: ground truth for the first 200, the reviewers' labels for the reviewed rows after them.
        var reviewedOnly = served.Skip(GroundTruthRows).Where(s => decided.Contains(s.InferenceId)).ToList();
        Assert.NotEmpty(reviewedOnly);
        var services = host.App.Services;
        var production = await new ProductionDatasetBuilder(host.Store.Store, services.GetRequiredService<CaptureReader>(), services.GetRequiredService<IHumanLabels>())
            .BuildAsync(Endpoint, null, null);
        var inDataset = labelled.Concat(reviewedOnly).ToList();
        Assert.Equal(inDataset.Select(s => s.InferenceId), production.Rows.Select(r => r.InferenceId));
        Assert.Equal(inDataset.Select(s => s.Label), production.Rows.Select(r => r.Label));
        Assert.Equal(new Dictionary<string, int> { ["ground_truth"] = GroundTruthRows, ["review"] = reviewedOnly.Count, ["feedback"] = 0 }, production.LabelCounts);

        // 6. Retrain on the data plus the earlier production rows; the comparison holds out the newest 20% (at least 30).
        var retrain = await scientist.PostAsJsonAsync($"/api/v1/use-cases/{Endpoint}/retrain-jobs", new { maxTrials = 2, seed = 7, budgetSeconds = 120 });
        Assert.Equal(HttpStatusCode.Accepted, retrain.StatusCode);
        var retrainJob = await WaitAsync(scientist, (await JsonAsync(retrain)).GetProperty("id").GetString()!, TimeSpan.FromMinutes(3));
        Assert.True(retrainJob.GetProperty("state").GetString() == "succeeded", retrainJob.ToString());
        var comparisonUrl = retrainJob.GetProperty("output").GetString()!;
        Assert.StartsWith("/api/v1/comparisons/", comparisonUrl);
        var comparison = await JsonAsync(await viewer.GetAsync(comparisonUrl));
        var comparisonId = comparison.GetProperty("id").GetString()!;
        var listed = await JsonAsync(await viewer.GetAsync($"/api/v1/use-cases/{Endpoint}/comparisons"));
        Assert.Contains(listed.GetProperty("comparisons").EnumerateArray(), c => c.GetProperty("id").GetString() == comparisonId);
        Assert.Equal(1, comparison.GetProperty("champion").GetProperty("version").GetInt32());
        Assert.Equal(2, comparison.GetProperty("challenger").GetProperty("version").GetInt32());
        var holdoutRows = Math.Max(30, (int)Math.Ceiling(0.2 * inDataset.Count));
        var holdout = inDataset.Skip(inDataset.Count - holdoutRows).ToList();
        Assert.Equal(holdoutRows, comparison.GetProperty("holdout").GetProperty("rows").GetInt32());
        var championAccuracy = comparison.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "accuracy");
        Assert.Equal(holdout.Count(s => s.RightAtHalf) / (double)holdoutRows, championAccuracy.GetProperty("champion").GetDouble(), 1e-12);
        Assert.Equal(JsonValueKind.Number, championAccuracy.GetProperty("challenger").ValueKind);
        var value = comparison.GetProperty("value");
        Assert.Equal(holdout.Average(Price), value.GetProperty("championPerItem").GetDouble(), 1e-9);
        Assert.Equal((value.GetProperty("challengerPerItem").GetDouble() - value.GetProperty("championPerItem").GetDouble()) * 100,
            value.GetProperty("perDayAdded").GetDouble(), 1e-6);
        Assert.Equal(2, value.GetProperty("perDayInterval95").GetArrayLength());

        // 7. Promotion on that comparison: the scientist is refused, the approver moves @production to the challenger.
        var promotion = new { version = 2, comparisonId, reason = "the challenger was compared on the fresh holdout of production labels" };
        var refused = await scientist.PutAsJsonAsync($"/api/v1/models/{Endpoint}/aliases/production", promotion);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var promoted = await approver.PutAsJsonAsync($"/api/v1/models/{Endpoint}/aliases/production", promotion);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var approval = (await JsonAsync(promoted)).GetProperty("approval");
        Assert.Equal(comparisonId, approval.GetProperty("comparisonId").GetString());
        var model = await JsonAsync(await viewer.GetAsync($"/api/v1/models/{Endpoint}"));
        Assert.Equal(2, model.GetProperty("aliases").GetProperty("production").GetInt32());
        Assert.Equal(2, model.GetProperty("aliases").GetProperty("candidate").GetInt32());   // the retrain registered it as the candidate

        // 8. The audit log holds each state change of the loop.
        var audit = (await JsonAsync(await host.Admin().GetAsync("/api/v1/audit?limit=1000"))).GetProperty("entries").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString()!, Subject: e.GetProperty("subject").GetString()!, Actor: e.GetProperty("actor").GetString()!, Details: e.GetProperty("details")))
            .ToList();
        int Count(string action) => audit.Count(e => e.Action == action);
        Assert.Equal(3, audit.Count(e => e.Action == "job.start" && e.Actor != MonitoringRunJob.SchedulerActor && e.Details.GetProperty("kind").GetString() is "monitoring" or "retrain"));
        Assert.Contains(audit, e => e.Action == "alert.open" && e.Details.ToString().Contains(DriftedFeature, StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "ground-truth.post" && e.Subject == $"endpoint:{Endpoint}" && e.Details.GetProperty("after").GetProperty("accepted").GetInt32() == GroundTruthRows);
        Assert.Equal(expected.Count, audit.Count(e => e.Action == "review.claim" && e.Actor.StartsWith($"key:test-{Roles.Reviewer}-", StringComparison.Ordinal)));
        Assert.Equal(expected.Count, Count("review.decide"));
        Assert.Contains(audit, e => e.Action == "production-dataset.record" && e.Details.GetProperty("rows").GetInt32() == inDataset.Count);
        Assert.Contains(audit, e => e.Action == "model.register" && e.Subject == $"model:{Endpoint}");
        Assert.Contains(audit, e => e.Action == "comparison.record" && e.Subject == $"model:{Endpoint}");
        var approved = Assert.Single(audit, e => e.Action == "promotion.approve");
        Assert.Equal(comparisonId, approved.Details.GetProperty("comparison").GetString());
        Assert.StartsWith($"key:test-{Roles.Approver}-", approved.Actor);
        Assert.Contains(audit, e => e.Action == "alias.set" && e.Subject == $"model:{Endpoint}" && e.Actor == approved.Actor);
    }

    private static async Task<TestHost> StartAsync(string folder) =>
        await TestHost.StartAsync(new ServerOptions { UseCases = [folder], RunJobs = true, WorkerCount = 1 }, builder =>
            builder.Services.AddSingleton(new JobsOptions { QueuePollInterval = TimeSpan.FromSeconds(1), Retries = 0, RetryDelays = [TimeSpan.FromSeconds(1)] }));

    /// <summary>The inputs with the drifted feature scaled.</summary>
    private static string Drift(string inputs, int column)
    {
        var fields = inputs.Split(',');
        fields[column] = (double.Parse(fields[column], CultureInfo.InvariantCulture) * DriftFactor).ToString("R", CultureInfo.InvariantCulture);
        return string.Join(",", fields);
    }

    private static async Task<Served> InvokeAsync(HttpClient client, int index, string header, string inputs, string label)
    {
        var id = $"loop-{index:D3}";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/endpoints/{Endpoint}/invocations")
        {
            Content = new StringContent(header + "\n" + inputs + "\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("X-Amzn-SageMaker-Inference-Id", id);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prediction = Assert.Single((await JsonAsync(response)).GetProperty("predictions").EnumerateArray());
        Assert.Equal(id, prediction.GetProperty("inference_id").GetString());
        return new Served(index, id, label, prediction.GetProperty("predicted_label").GetString()!,
            prediction.GetProperty("score").GetDouble(), prediction.GetProperty("decision").GetString()!);
    }

    /// <summary>The churn sample's prices (decision.outcomes): an offer costs 500 JPY, a missed leaver 200,000; a reviewed row costs its right outcome (no review cost declared).</summary>
    private static double Price(Served s) => (s.Decision, s.Predicted == "yes", s.Label == "yes") switch
    {
        ("review", _, true) => -500,
        ("review", _, false) => 0,
        (_, true, _) => -500,
        (_, false, true) => -200_000,
        _ => 0,
    };

    /// <summary>The review sample's draw as documented (a number in [0, 1) from SHA-256 of the inference id and row), computed here on its own to pin the rule.</summary>
    private static double Draw(string inferenceId, int row)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{inferenceId}\n{row}"));
        return (BitConverter.ToUInt64(hash, 0) >> 11) * (1.0 / (1UL << 53));
    }

    private static async Task WaitForCaptureAsync(HttpClient client, int records)
    {
        for (var i = 0; i < 300; i++)
        {
            var window = await JsonAsync(await client.GetAsync($"/api/v1/endpoints/{Endpoint}/capture?limit=0"));
            if (window.GetProperty("total").GetInt64() >= records) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the capture of {Endpoint} did not reach {records} records");
    }

    private static async Task<JsonElement> MonitorAsync(HttpClient client)
    {
        var response = await client.PostAsync($"/api/v1/endpoints/{Endpoint}/monitoring-runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await WaitAsync(client, (await JsonAsync(response)).GetProperty("id").GetString()!, TimeSpan.FromMinutes(1));
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        return await JsonAsync(await client.GetAsync(job.GetProperty("output").GetString()));
    }

    /// <summary>
    /// Runs the intake until the queue holds <paramref name="items"/> items: the intake only takes rows older than
    /// <see cref="ReviewIntake.Settle"/>, so the newest requests join a few seconds after they were served.
    /// </summary>
    private static async Task<List<JsonElement>> IntakeAsync(HttpClient scientist, HttpClient viewer, int items)
    {
        var deadline = DateTime.UtcNow + ReviewIntake.Settle + TimeSpan.FromSeconds(30);
        while (true)
        {
            var intake = await scientist.PostAsync($"/api/v1/endpoints/{Endpoint}/review-intake", null);
            Assert.Equal(HttpStatusCode.OK, intake.StatusCode);
            var queue = (await JsonAsync(await viewer.GetAsync($"/api/v1/review/items?endpoint={Endpoint}"))).GetProperty("items").EnumerateArray().ToList();
            if (queue.Count >= items || DateTime.UtcNow > deadline) return queue;
            await Task.Delay(500);
        }
    }

    private static async Task<JsonElement?> ClaimAsync(HttpClient reviewer)
    {
        var response = await reviewer.PostAsJsonAsync("/api/v1/review/next", new { endpoint = Endpoint });
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var job = await JsonAsync(await client.GetAsync($"/api/v1/jobs/{jobId}"));
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {jobId} did not finish within {timeout}");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

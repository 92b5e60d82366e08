using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Flywheel.Cli.Tests.Simulate;

/// <summary>
/// <c>flywheel simulate</c> on a trained churn copy: 4 days of 50 requests ending at a fixed --until, half of them
/// labelled a day later, total_day_minutes scaled by 1.5 from day 3 (×1.25 on day 3, ×1.5 on day 4) and international
/// plan "yes" moved to a 0.8 share by day 4 (40 of 50 rows).
/// </summary>
public sealed class SimulateCommandTests(TrainedChurn churn) : IClassFixture<TrainedChurn>
{
    private const string Until = "2026-11-20T12:00:00Z";
    private static readonly DateTimeOffset End = DateTimeOffset.Parse(Until, CultureInfo.InvariantCulture);

    private static readonly string[] Common =
        ["--days", "4", "--per-day", "50", "--label-share", "0.5", "--label-delay", "1d", "--seed", "11", "--until", Until, "--json"];

    private static readonly string[] Drifts = ["--drift", "total_day_minutes=*1.5", "--drift", "international_plan=yes:0.8", "--drift-from", "3"];

    [Fact]
    public void The_days_land_in_the_capture_with_the_labels_whose_delay_elapsed_and_monitor_reads_them()
    {
        var folder = churn.Copy();
        var outcome = CliProcess.RunIn(folder, ["simulate", folder, .. Common, .. Drifts]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var summary = JsonSerializer.Deserialize<JsonElement>(outcome.Stdout);
        Assert.Equal("telco-churn", summary.GetProperty("endpoint").GetString());
        Assert.Equal(200, summary.GetProperty("requests").GetInt64());
        Assert.Equal(200, summary.GetProperty("captured").GetInt64());
        // 25 labelled a day; a label is due a day after its request, so days 1–3 are all in by the end, day 4's none.
        Assert.Equal(75, summary.GetProperty("labelsSent").GetInt64());
        Assert.Equal(25, summary.GetProperty("labelsPending").GetInt64());
        Assert.Equal([25, 25, 25, 0], summary.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("labelsSent").GetInt32()));
        Assert.Equal([0, 0, 0.5, 1], summary.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("intensity").GetDouble()));

        var records = Capture(folder);
        Assert.Equal(200, records.Count);
        for (var day = 1; day <= 4; day++)
        {
            var (from, to) = (End.AddDays(day - 5), End.AddDays(day - 4));
            Assert.Equal(50, records.Count(r => r.Time >= from && r.Time < to));
        }
        // Spread over each day, not bunched: every one of the 4 × 24 hours has a few of the 200.
        Assert.True(records.Select(r => r.Time.ToUnixTimeSeconds() / 3600).Distinct().Count() > 60);

        var truth = GroundTruth(folder);
        Assert.Equal(75, truth.Count);
        var byId = records.ToDictionary(r => r.InferenceId);
        Assert.All(truth, label =>
        {
            var request = byId[label.Id];
            Assert.True(request.Time.AddDays(1) <= End);
            Assert.True(label.Received >= request.Time.AddDays(1));
            Assert.Contains(label.Value, new[] { "yes", "no" });
        });

        // The endpoint record exists under the use case's name, so monitor finds the window and its labels.
        var monitor = CliProcess.RunIn(folder, "monitor", folder, "--since", End.AddDays(-4).ToString("O"), "--until", Until, "--json");
        Assert.True(monitor.ExitCode == 0, monitor.Stderr);
        var report = JsonSerializer.Deserialize<JsonElement>(monitor.Stdout);
        Assert.Equal(200, report.GetProperty("window").GetProperty("rows").GetInt32());
        Assert.Equal(75, report.GetProperty("quality").GetProperty("rows").GetInt32());
        var growth = CliProcess.RunIn(folder, "growth", folder, "--json");
        Assert.True(growth.ExitCode == 0, growth.Stderr);
        Assert.Equal(200, JsonSerializer.Deserialize<JsonElement>(growth.Stdout).GetProperty("data").EnumerateArray().Sum(d => d.GetProperty("captured").GetInt64()));
    }

    [Fact]
    public async Task A_monitor_killed_before_its_commit_leaves_no_run_no_alert_and_no_audit_and_the_next_run_records_one()
    {
        var folder = churn.Copy();
        Assert.Equal(0, CliProcess.RunIn(folder, ["simulate", folder, .. Common, .. Drifts]).ExitCode);
        string[] monitor = ["monitor", folder, "--since", End.AddDays(-4).ToString("O"), "--until", Until, "--json"];

        var killed = Flywheel.Cli.Tests.Storage.StoreProcess.Run(folder, new Dictionary<string, string> { ["FLYWHEEL_FAULT_KILL_AT"] = Flywheel.Storage.WritePoints.MonitoringCommit }, monitor);
        Assert.NotEqual(0, killed.ExitCode);
        Assert.Contains($"fault injection: killed at {Flywheel.Storage.WritePoints.MonitoringCommit}", killed.Stderr);
        Assert.Equal((0, 0, 0), await MonitoringStateAsync(folder));

        var again = CliProcess.RunIn(folder, monitor);
        Assert.True(again.ExitCode == 0, again.Stderr);
        var (runs, alerts, audited) = await MonitoringStateAsync(folder);
        Assert.Equal(1, runs);
        Assert.Equal(1, audited);
        Assert.Equal(JsonSerializer.Deserialize<JsonElement>(again.Stdout).GetProperty("alerts").GetArrayLength(), alerts);
        Assert.True(alerts > 0, "the drifted window opens alerts");
    }

    private static async Task<(int Runs, int Alerts, int Audited)> MonitoringStateAsync(string folder)
    {
        var store = Flywheel.Storage.MetadataStore.ForUseCase(folder, storeSpec: null);
        try
        {
            var monitoring = new Flywheel.Operate.Monitoring.Runs.MonitoringStore(store);
            var audit = await store.QueryAuditAsync(new Flywheel.Storage.AuditQuery(Action: "monitoring-run.record"));
            return ((await monitoring.ListRunsAsync("telco-churn")).Total, (await monitoring.ListAlertsAsync("telco-churn")).Count, audit.Entries.Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public void The_same_seed_draws_the_same_traffic_and_the_drifts_move_the_feature_as_specified()
    {
        var (first, second, plain) = (churn.Copy(), churn.Copy(), churn.Copy());
        Assert.Equal(0, CliProcess.RunIn(first, ["simulate", first, .. Common, .. Drifts]).ExitCode);
        Assert.Equal(0, CliProcess.RunIn(second, ["simulate", second, .. Common, .. Drifts]).ExitCode);
        var undrifted = CliProcess.RunIn(plain, ["simulate", plain, .. Common]);
        Assert.True(undrifted.ExitCode == 0, undrifted.Stderr);

        // Identical capture but for the measured latency; identical labels.
        var a = Capture(first);
        var b = Capture(second);
        Assert.Equal(a.Select(r => r.Comparable), b.Select(r => r.Comparable));
        Assert.Equal(GroundTruth(first).Select(l => (l.Id, l.Value, l.Received)), GroundTruth(second).Select(l => (l.Id, l.Value, l.Received)));

        // The drift changes values only: the same rows, ids and times are drawn without it.
        var c = Capture(plain).ToDictionary(r => r.InferenceId);
        Assert.Equal(a.Select(r => (r.InferenceId, r.Time)), c.Values.Select(r => (r.InferenceId, r.Time)));
        double[] factors = [1, 1, 1.25, 1.5];
        foreach (var drifted in a)
        {
            var original = c[drifted.InferenceId];
            var day = Day(drifted.Time);
            Assert.Equal(original.Number("total_day_minutes") * factors[day - 1], drifted.Number("total_day_minutes"), 9);
            Assert.Equal(original.Number("total_eve_minutes"), drifted.Number("total_eve_minutes"));
            if (day < 3) Assert.Equal(original.Text("international_plan"), drifted.Text("international_plan"));
        }
        for (var day = 1; day <= 4; day++)
        {
            var mean = a.Where(r => Day(r.Time) == day).Average(r => r.Number("total_day_minutes"));
            var before = c.Values.Where(r => Day(r.Time) == day).Average(r => r.Number("total_day_minutes"));
            Assert.Equal(before * factors[day - 1], mean, 9);
        }
        // Day 4 has the drift's full share: round(0.8 × 50) = 40 of 50 rows say "yes".
        Assert.Equal(40, a.Count(r => Day(r.Time) == 4 && r.Text("international_plan") == "yes"));
    }

    [Fact]
    public async Task With_url_the_traffic_and_the_due_labels_go_to_a_running_server()
    {
        var folder = churn.Copy();
        var start = CliProcess.StartInfo(folder, "serve", folder, "--port", "0");
        start.Environment.Remove("FLYWHEEL_ADMIN_KEY");
        start.Environment.Remove("FLYWHEEL_STORE");
        using var server = Process.Start(start)!;
        var stderr = server.StandardError.ReadToEndAsync();
        try
        {
            string? url = null;
            while (url is null && await server.StandardOutput.ReadLineAsync() is { } line)
                if (Regex.Match(line, @"serving .* on http://[^:]+:(\d+)") is { Success: true } match) url = $"http://127.0.0.1:{match.Groups[1].Value}";
            if (url is null) Assert.Fail("the server printed no 'serving … on http://…' line: " + await stderr);
            var stdoutRest = server.StandardOutput.ReadToEndAsync();
            var key = File.ReadAllText(Path.Combine(folder, ".flywheel", "admin.key")).Trim();

            var refused = await Task.Run(() => CliProcess.RunIn(folder, "simulate", folder, "--days", "1", "--per-day", "1", "--url", url, "--key", "wrong"));
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--key", refused.Stderr);

            var outcome = await Task.Run(() => CliProcess.RunIn(folder, "simulate", folder, "--days", "2", "--per-day", "10", "--label-share", "0.5", "--label-delay", "1d",
                "--url", url, "--key", key, "--json"));
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
            var summary = JsonSerializer.Deserialize<JsonElement>(outcome.Stdout);
            Assert.Equal("http", summary.GetProperty("mode").GetString());
            Assert.Equal(20, summary.GetProperty("requests").GetInt64());
            // Day 1's 5 labels fall due during day 2; day 2's are a day away when the run ends.
            Assert.Equal(5, summary.GetProperty("labelsSent").GetInt64());
            Assert.Equal(["telco-churn:1"], summary.GetProperty("models").EnumerateArray().Select(m => m.GetString()));

            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await server.WaitForExitAsync(stopped.Token);
            await stdoutRest;
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
        // The server stamped and captured them (the refused request never reached the endpoint), and stored the labels.
        var records = Capture(folder);
        Assert.Equal(20, records.Count);
        var truth = GroundTruth(folder);
        Assert.Equal(5, truth.Count);
        Assert.All(truth, label => Assert.Contains(records, r => r.InferenceId == label.Id));
    }

    [Theory]
    [InlineData("no_such_column=*2", "not a feature")]
    [InlineData("total_day_minutes*2", "not a drift")]
    [InlineData("total_day_minutes=yes:0.5", "is numeric")]
    [InlineData("total_day_minutes=*many", "is numeric")]
    [InlineData("international_plan=*2", "is categorical")]
    [InlineData("international_plan=maybe:0.5", "no level 'maybe'")]
    [InlineData("international_plan=yes:1.5", "from 0 to 1")]
    public void A_bad_drift_is_exit_2_naming_the_option_and_writes_nothing(string drift, string message)
    {
        var folder = churn.NewFolder("bad-drift");
        var outcome = CliProcess.RunIn(folder, "simulate", folder, "--drift", drift);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--drift", outcome.Stderr);
        Assert.Contains(message, outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
        Assert.False(Directory.Exists(Path.Combine(folder, ".flywheel", "artifacts", "capture")));
    }

    [Theory]
    [InlineData("--label-share", "1.5")]
    [InlineData("--label-delay", "soon")]
    [InlineData("--days", "0")]
    [InlineData("--drift-from", "31")]
    [InlineData("--per-day", "-1")]
    [InlineData("--until", "2999-01-01T00:00:00Z")]
    [InlineData("--key", "fw_without_url")]
    [InlineData("--url", "localhost:8080")]
    public void A_bad_setting_is_exit_2_naming_it(string option, string value)
    {
        var folder = churn.NewFolder("bad-setting");
        var outcome = CliProcess.RunIn(folder, "simulate", folder, option, value);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(option, outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void An_untrained_use_case_is_exit_3_saying_to_train_it_and_gets_no_endpoint()
    {
        var folder = churn.NewFolder("untrained");
        var outcome = CliProcess.RunIn(folder, "simulate", folder, "--days", "1", "--per-day", "5");
        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("flywheel train", outcome.Stderr);
        Assert.Contains("endpoints: none", CliProcess.RunIn(folder, "monitor", "telco-churn", "-d", folder).Stderr);
    }

    private static int Day(DateTimeOffset time) => (int)Math.Floor((time - End.AddDays(-4)).TotalDays) + 1;

    private sealed record Captured(string InferenceId, DateTimeOffset Time, JsonObject Row, string Comparable)
    {
        public double Number(string column) => Row[column]!.GetValue<double>();

        public string? Text(string column) => Row[column]?.GetValue<string>();
    }

    private sealed record Labelled(string Id, string Value, DateTimeOffset Received);

    private static List<Captured> Capture(string folder) =>
        Lines(Path.Combine(folder, ".flywheel", "artifacts", "capture")).Select(line =>
        {
            var record = JsonNode.Parse(line)!.AsObject();
            var input = JsonNode.Parse(record["captureData"]!["endpointInput"]!["data"]!.GetValue<string>())!;
            var metadata = record["eventMetadata"]!;
            record["flywheel"]!.AsObject().Remove("latencyMs");
            return new Captured(metadata["inferenceId"]!.GetValue<string>(), DateTimeOffset.Parse(metadata["inferenceTime"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                input["instances"]![0]!.AsObject(), record.ToJsonString());
        }).OrderBy(r => r.Time).ThenBy(r => r.InferenceId, StringComparer.Ordinal).ToList();

    private static List<Labelled> GroundTruth(string folder) =>
        Lines(Path.Combine(folder, ".flywheel", "artifacts", "ground-truth")).Select(line =>
        {
            var record = JsonNode.Parse(line)!;
            return new Labelled(record["eventMetadata"]!["eventId"]!.GetValue<string>(), record["groundTruthData"]!["data"]!.GetValue<string>(),
                DateTimeOffset.Parse(record["flywheel"]!["receivedTime"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }).OrderBy(l => l.Id, StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Lines(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadLines).Where(line => line.Length > 0)
        : [];
}

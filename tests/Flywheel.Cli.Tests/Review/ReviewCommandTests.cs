using System.Buffers;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Storage;

namespace Flywheel.Cli.Tests.Review;

/// <summary>
/// The CLI-only review loop on a copy of samples/churn with <c>review.sample: 1</c>: train, capture four requests as
/// the server writes them, <c>review intake</c>, <c>list</c>, <c>next</c>, <c>decide</c> — and the exit codes of the
/// ways a decision fails — then the review figures in <c>value --json</c>.
/// </summary>
public sealed class ReviewCommandTests : IDisposable
{
    private const string Endpoint = "telco-churn";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-review-{Guid.NewGuid():N}");

    public ReviewCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        var yaml = File.ReadAllText(Path.Combine(CliProcess.Sample("churn"), "flywheel.yaml"));
        const string anchor = "  formulas:\n";
        Assert.Contains(anchor, yaml);
        // Placeholders the review queue measures (as decision.value_per_day is one the evaluation measures).
        yaml = yaml.Replace(anchor, """
                review.minutes_per_item: { value: 5, unit: min/item, description: a reviewer's time per item }
                review.share: { value: 0.1, description: share of rows a person reviews }
                review.people: { value: 1, unit: person, description: reviewers to staff }

            """.Replace("\r", "") + anchor);
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), yaml + "review:\n  sample: 1\n");
        File.Copy(Path.Combine(CliProcess.Sample("churn"), "data", "mlc_churn.csv"), Path.Combine(_folder, "data", "mlc_churn.csv"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private JsonElement Json(params string[] args)
    {
        var run = CliProcess.RunIn(_folder, args);
        Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)}: exit {run.ExitCode}\n{run.Stderr}");
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    [Fact]
    public async Task Intake_list_next_decide_round_trip_with_the_failure_codes_and_the_review_figures_in_value()
    {
        Json("train", _folder, "--max-trials", "2", "--budget", "20s", "--seed", "3", "--json");
        WriteCapture(rows: 4);

        var intake = Json("review", "intake", _folder, "--json");
        Assert.Equal((4, 4), (intake.GetProperty("records").GetInt32(), intake.GetProperty("rows").GetInt32()));
        Assert.Equal(4, intake.GetProperty("reviewBand").GetInt32() + intake.GetProperty("sampled").GetInt32());

        var list = Json("review", "list", _folder, "--json");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["inf-0000", "inf-0001", "inf-0002", "inf-0003"], items.Select(i => i.GetProperty("inferenceId").GetString()));
        Assert.All(items, i => Assert.Equal("queued", i.GetProperty("state").GetString()));
        var ids = items.Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);

        var next = Json("review", "next", _folder, "--reviewer", "ann", "--json");
        var item = next.GetProperty("item");
        var id = item.GetProperty("id").GetInt64();
        Assert.Equal(ids[0], id);
        Assert.Equal(("claimed", "ann"), (item.GetProperty("state").GetString(), item.GetProperty("claimedBy").GetString()));
        Assert.Equal(128, item.GetProperty("features").GetProperty("account_length").GetDouble());
        Assert.InRange(item.GetProperty("score").GetDouble(), 0, 1);
        Assert.NotEmpty(item.GetProperty("explanation").GetProperty("contributions").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, next.GetProperty("leaseUntil").ValueKind);
        Assert.Empty(next.GetProperty("similar").EnumerateArray());
        Assert.Equal(1, Json("review", "list", _folder, "--state", "claimed", "--json").GetProperty("items").GetArrayLength());

        var badLabel = CliProcess.RunIn(_folder, "review", "decide", $"{id}", "--label", "maybe", "--reviewer", "ann");
        Assert.Equal(2, badLabel.ExitCode);
        Assert.Contains("--label", badLabel.Stderr);
        Assert.Contains("'maybe'", badLabel.Stderr);
        var notHolder = CliProcess.RunIn(_folder, "review", "decide", $"{id}", "--label", "no", "--reviewer", "bob");
        Assert.Equal(4, notHolder.ExitCode);
        Assert.Contains("not claimed by bob", notHolder.Stderr);
        var unknown = CliProcess.RunIn(_folder, "review", "decide", "999999", "--label", "no", "--reviewer", "ann");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("no review item 999999", unknown.Stderr);

        var decided = Json("review", "decide", $"{id}", "--label", "no", "--comment", "called the customer", "--reviewer", "ann", "--json");
        Assert.Equal(("decided", "no", 1.0), (decided.GetProperty("state").GetString(), decided.GetProperty("label").GetString(), decided.GetProperty("agreement").GetDouble()));
        var answer = Assert.Single(decided.GetProperty("answers").EnumerateArray());
        Assert.Equal(("ann", "called the customer"), (answer.GetProperty("reviewer").GetString(), answer.GetProperty("comment").GetString()));
        var again = CliProcess.RunIn(_folder, "review", "decide", $"{id}", "--label", "yes", "--reviewer", "ann");
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("already decided", again.Stderr);

        // The next item shows the decided one among the similar past decisions.
        var second = Json("review", "next", _folder, "--reviewer", "ann", "--json");
        Assert.Equal(ids[1], second.GetProperty("item").GetProperty("id").GetInt64());
        var similar = Assert.Single(second.GetProperty("similar").EnumerateArray());
        Assert.Equal((id, "no"), (similar.GetProperty("id").GetInt64(), similar.GetProperty("label").GetString()));

        // The table view of the item ann holds: the same claim, features, the why and the similar decision.
        var table = CliProcess.RunIn(_folder, "review", "next", _folder, "--reviewer", "ann");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains($"review item {ids[1]}: telco-churn inference inf-0001 row 0", table.Stdout);
        Assert.Contains("account_length", table.Stdout);
        Assert.Contains("why (", table.Stdout);

        var trail = await MetadataStore.ForUseCase(_folder).AuditTrailAsync($"review:{id}");
        Assert.Equal([("ann", "review.claim"), ("ann", "review.decide")], trail.Select(e => (e.Actor, e.Action)));

        // One answer, 4 of 4 rows queued on one day: people = 4 items a day × 1 answer × minutes ÷ 450 working minutes.
        var value = Json("value", _folder, "--json");
        var figures = value.GetProperty("modelVariables").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        var minutes = figures["review.minutes_per_item"];
        Assert.True(minutes.GetProperty("measured").GetBoolean());
        Assert.Equal("measured on the review queue of telco-churn, last 7 days", minutes.GetProperty("source").GetString());
        var perItem = minutes.GetProperty("value").GetProperty("amount").GetDouble();
        Assert.Equal("min/item", minutes.GetProperty("value").GetProperty("unit").GetString());
        Assert.Equal(decided.GetProperty("answers")[0].GetProperty("durationMs").GetInt64() / 60_000.0, perItem, 9);
        Assert.Equal(1.0, figures["review.share"].GetProperty("value").GetProperty("amount").GetDouble(), 12);
        Assert.Equal(4 * perItem / 450, figures["review.people"].GetProperty("value").GetProperty("amount").GetDouble(), 9);
        Assert.Equal("measured on test, model telco-churn:1", figures["decision.value_per_day"].GetProperty("source").GetString());

        // The value page shows the staffing the queue needs.
        var page = Path.Combine(_folder, "report.html");
        var report = CliProcess.RunIn(_folder, "report", _folder, "-o", page);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("Reviewers the queue needs", File.ReadAllText(page));
    }

    [Fact]
    public void Bad_input_is_exit_2_and_an_unknown_item_exit_3_without_training()
    {
        MetadataStore.ForUseCase(_folder);
        var unknownEndpoint = CliProcess.RunIn(_folder, "review", "list", "no-such-endpoint", "-d", _folder);
        Assert.Equal(2, unknownEndpoint.ExitCode);
        Assert.Contains("ENDPOINT|DIR", unknownEndpoint.Stderr);
        var badState = CliProcess.RunIn(_folder, "review", "list", _folder, "--state", "done");
        Assert.Equal(2, badState.ExitCode);
        Assert.Contains("--state", badState.Stderr);
        var badLimit = CliProcess.RunIn(_folder, "review", "list", _folder, "--limit", "0");
        Assert.Equal(2, badLimit.ExitCode);
        Assert.Contains("--limit", badLimit.Stderr);
        var badId = CliProcess.RunIn(_folder, "review", "decide", "seven", "--label", "no");
        Assert.Equal(2, badId.ExitCode);
        var noLabel = CliProcess.RunIn(_folder, "review", "decide", "7");
        Assert.Equal(2, noLabel.ExitCode);
        Assert.Contains("--label", noLabel.Stderr);
        var unknown = CliProcess.RunIn(_folder, "review", "decide", "7", "--label", "no", "-d", _folder);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("no review item 7", unknown.Stderr);

        var empty = CliProcess.RunIn(_folder, "review", "next", _folder, "--json");
        Assert.True(empty.ExitCode == 0, empty.Stderr);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(empty.Stdout).RootElement.GetProperty("item").ValueKind);
        Assert.Contains("No review item of telco-churn is waiting", CliProcess.RunIn(_folder, "review", "next", _folder, "--reviewer", "ann").Stdout);
        var none = JsonDocument.Parse(CliProcess.RunIn(_folder, "review", "list", _folder, "--json").Stdout).RootElement;
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }

    /// <summary>One-row MLflow CSV requests of the sample's first rows, a minute ago, as the server's capture writer files them.</summary>
    private void WriteCapture(int rows)
    {
        var lines = File.ReadLines(Path.Combine(_folder, "data", "mlc_churn.csv")).Take(rows + 1).Select(line => line.Split(',')).ToList();
        var target = Array.IndexOf(lines[0], "\"churn\"");
        string Without(string[] fields) => string.Join(",", fields.Where((_, i) => i != target));
        var root = MetadataStore.ForUseCase(_folder).Artifacts.Root;
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var n = 0; n < rows; n++)
        {
            var captured = new CaptureEvent(Endpoint, "primary", "telco-churn:1", $"inf-{n:D4}", $"evt-{n:D4}", at, "text/csv",
                Without(lines[0]) + "\n" + Without(lines[n + 1]), "application/json", "{\"predictions\":[]}", TimeSpan.FromMilliseconds(1));
            var folder = CapturePaths.HourFolder(CapturePaths.VariantFolder(root, Endpoint, "primary"), at);
            Directory.CreateDirectory(folder);
            var buffer = new ArrayBufferWriter<byte>();
            CaptureRecordFormat.Write(captured, buffer);
            File.WriteAllBytes(Path.Combine(folder, CapturePaths.FileName(at, "test", n)), buffer.WrittenSpan.ToArray());
        }
    }
}

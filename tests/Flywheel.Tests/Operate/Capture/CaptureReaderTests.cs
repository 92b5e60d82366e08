using System.Diagnostics;
using Flywheel.Operate.Capture;
using Flywheel.Operate.GroundTruth;
using Xunit.Abstractions;

namespace Flywheel.Tests.Operate.Capture;

public sealed class CaptureReaderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_torn_last_line_left_by_a_killed_writer_is_skipped()
    {
        using var root = new CaptureRoot();
        await WriteAsync(root, Enumerable.Range(0, 5).Select(i => Events.Make(i, Events.Start.AddSeconds(i))));
        var file = root.Files().Single();
        var whole = File.ReadAllText(file);
        // What a SIGKILL in the middle of a write leaves: the start of a sixth record, no newline.
        File.AppendAllText(file, whole.Split('\n')[0][..120]);

        var records = new CaptureReader(root.Path).Read(new CaptureQuery("churn")).ToList();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"inf-{i:D6}"), records.Select(record => record.InferenceId));
        var first = records[0];
        Assert.Equal(("evt-000000", Events.Start, "primary", "churn:3"), (first.EventId, first.Time, first.Variant, first.ModelVersion));
        Assert.Equal(("0,0.5,yes", "CSV", "JSON", 1.25, false), (first.InputData, first.InputEncoding, first.OutputEncoding, first.LatencyMs, first.Shadow));
        Assert.Null(first.GroundTruth);
    }

    [Fact]
    public async Task Ground_truth_joins_by_inference_id_else_event_id_and_the_latest_label_wins()
    {
        using var root = new CaptureRoot();
        await WriteAsync(root, [
            Events.Make(1, Events.Start),
            Events.Make(2, Events.Start.AddSeconds(1)),
            Events.Make(3, Events.Start.AddSeconds(2), inferenceId: ""), // captured without an inference id: joined by event id
            Events.Make(4, Events.Start.AddSeconds(3)),
        ]);
        var clock = new SteppingClock(Events.Start.AddMinutes(10));
        var truth = new GroundTruthStore(root.Path, clock);
        truth.Append("churn", [new("inf-000001", "no", "CSV"), new("evt-000003", "yes", "CSV"), new("inf-000004", "no", "CSV")]);
        clock.Now = clock.Now.AddHours(2); // a correction posted later, in a later hour folder
        truth.Append("churn", [new("inf-000004", "yes", "CSV"), new("inf-999999", "yes", "CSV")]);

        var labels = new CaptureReader(root.Path).Read(new CaptureQuery("churn") { WithGroundTruth = true })
            .ToDictionary(record => record.EventId, record => record.GroundTruth);

        Assert.Equal(new Dictionary<string, string?> { ["evt-000001"] = "no", ["evt-000002"] = null, ["evt-000003"] = "yes", ["evt-000004"] = "yes" }, labels);
    }

    [Fact]
    public async Task Outlines_are_the_records_without_their_bodies_and_the_stamp_moves_with_every_record_and_label()
    {
        using var root = new CaptureRoot();
        // Across two hour folders, the last record a shadow variant's.
        await WriteAsync(root, Enumerable.Range(0, 6).Select(i => Events.Make(i, Events.Start.AddSeconds(40 * i), i == 5 ? "shadow" : "primary") with { Shadow = i == 5 }));
        var clock = new SteppingClock(Events.Start.AddMinutes(10));
        var truth = new GroundTruthStore(root.Path, clock);
        truth.Append("churn", [new("inf-000001", "no", "CSV"), new("inf-000004", "yes", "CSV")]);
        var reader = new CaptureReader(root.Path);
        var query = new CaptureQuery("churn") { WithGroundTruth = true };

        var full = reader.Read(query).Select(r => (r.InferenceId, r.Time, r.ModelVersion, r.Shadow, r.GroundTruth is not null)).ToList();
        var outlines = reader.Outlines(query).OrderBy(o => o.Time).Select(o => (o.InferenceId, o.Time, o.ModelVersion, o.Shadow, o.HasGroundTruth)).ToList();
        Assert.Equal(full, outlines);
        Assert.Equal(["inf-000001", "inf-000004"], outlines.Where(o => o.HasGroundTruth).Select(o => o.InferenceId));
        Assert.Equal(["inf-000005"], outlines.Where(o => o.Shadow).Select(o => o.InferenceId));
        Assert.Equal(2, reader.Outlines(query with { Since = Events.Start.AddSeconds(100), Until = Events.Start.AddSeconds(180) }).Count());
        Assert.All(reader.Outlines(query with { WithGroundTruth = false }), o => Assert.False(o.HasGroundTruth));

        var before = reader.Stamp(query);
        Assert.Equal(before, reader.Stamp(query));
        clock.Now = clock.Now.AddMinutes(1);
        truth.Append("churn", [new("inf-000002", "yes", "CSV")]);
        var labelled = reader.Stamp(query);
        Assert.NotEqual(before, labelled);
        Assert.Equal(before.Split('/')[0], labelled.Split('/')[0]);
        await WriteAsync(root, [Events.Make(6, Events.Start.AddSeconds(250))]);
        Assert.NotEqual(labelled.Split('/')[0], reader.Stamp(query).Split('/')[0]);
    }

    [Fact]
    public async Task A_window_and_a_variant_select_records_and_hours_are_counted_per_variant()
    {
        using var root = new CaptureRoot();
        // 03:58:00 + i × 30 s: i = 0..3 in hour 03, 4..9 in hour 04; odd i on "shadow".
        await WriteAsync(root, Enumerable.Range(0, 10).Select(i => Events.Make(i, Events.Start.AddSeconds(30 * i), i % 2 == 0 ? "primary" : "shadow")));
        var reader = new CaptureReader(root.Path);
        var hour4 = new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);

        var counts = reader.CountsPerHour(new CaptureQuery("churn"));
        Assert.Equal([
            new CaptureHourCount(hour4.AddHours(-1), "primary", 2), new CaptureHourCount(hour4.AddHours(-1), "shadow", 2),
            new CaptureHourCount(hour4, "primary", 3), new CaptureHourCount(hour4, "shadow", 3),
        ], counts);
        var window = reader.Read(new CaptureQuery("churn") { Since = Events.Start.AddSeconds(60), Until = hour4.AddSeconds(60), Variant = "primary" });
        Assert.Equal(["inf-000002", "inf-000004"], window.Select(record => record.InferenceId));
        var newest = reader.Read(new CaptureQuery("churn") { NewestFirst = true, Limit = 3 });
        Assert.Equal(["inf-000009", "inf-000008", "inf-000007"], newest.Select(record => record.InferenceId));
        Assert.Empty(reader.Read(new CaptureQuery("other")));
        Assert.Equal(4, reader.Files("churn").Files);
    }

    [Fact]
    public async Task Hundred_thousand_records_are_read_and_joined_with_ground_truth()
    {
        using var root = new CaptureRoot();
        const int count = 100_000;
        await WriteAsync(root, Enumerable.Range(0, count).Select(i => Events.Make(i, Events.Start.AddMilliseconds(100.0 * i))));
        new GroundTruthStore(root.Path, new SteppingClock(Events.Start.AddHours(5)))
            .Append("churn", Enumerable.Range(0, count / 2).Select(i => new GroundTruthRecord($"inf-{2 * i:D6}", (i % 2).ToString(), "CSV")).ToList());

        var clock = Stopwatch.StartNew();
        long rows = 0, labelled = 0;
        foreach (var record in new CaptureReader(root.Path).Read(new CaptureQuery("churn") { WithGroundTruth = true }))
        {
            rows++;
            if (record.GroundTruth is not null) labelled++;
        }
        output.WriteLine($"read and joined {rows} records in {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal((count, count / 2L), (rows, labelled));
    }

    [Fact]
    public async Task A_window_is_read_hour_by_hour_from_the_folders_on_disk_each_once_even_when_its_ends_are_open_or_centuries_apart()
    {
        // Hours years apart, two variants writing the same hours: reading one hour's files at a time must take the
        // hours from the folders that exist (stepping from the window's start to its end hour by hour would walk
        // ~88 million hours for an open window), and each hour — both variants' files — exactly once.
        using var root = new CaptureRoot();
        var times = new[] { Events.Start.AddYears(-6), Events.Start.AddYears(-6).AddMinutes(1), Events.Start, Events.Start.AddMinutes(3), Events.Start.AddYears(1) };
        await WriteAsync(root, times.SelectMany((time, i) => new[]
        {
            Events.Make(2 * i, time, "primary"), Events.Make(2 * i + 1, time.AddSeconds(1), "shadow"),
        }));
        new GroundTruthStore(root.Path, new SteppingClock(Events.Start.AddYears(2))).Append("churn", [new("inf-000001", "yes", "CSV"), new("inf-000008", "no", "CSV")]);
        var reader = new CaptureReader(root.Path);
        var all = Enumerable.Range(0, 10).Select(i => $"inf-{i:D6}").ToList();

        Assert.Equal(all, reader.Read(new CaptureQuery("churn")).Select(record => record.InferenceId));
        var widest = reader.Read(new CaptureQuery("churn") { Since = DateTimeOffset.MinValue, Until = DateTimeOffset.MaxValue, WithGroundTruth = true }).ToList();
        Assert.Equal(all, widest.Select(record => record.InferenceId));
        Assert.Equal(["yes", "no"], widest.Where(record => record.GroundTruth is not null).Select(record => record.GroundTruth));
        Assert.Equal(Enumerable.Reverse(all), reader.Read(new CaptureQuery("churn") { NewestFirst = true }).Select(record => record.InferenceId));
        // A limit counts across hours: the newest 3 are the last hour's 2 and one of the hour before.
        Assert.Equal(["inf-000009", "inf-000008", "inf-000007"], reader.Read(new CaptureQuery("churn") { NewestFirst = true, Limit = 3 }).Select(record => record.InferenceId));
        Assert.Equal(["inf-000000", "inf-000001", "inf-000002"], reader.Read(new CaptureQuery("churn") { Limit = 3, WithGroundTruth = true }).Select(record => record.InferenceId));
        Assert.Empty(reader.Read(new CaptureQuery("churn") { Limit = 0 }));
        Assert.Equal(["inf-000004", "inf-000006"], reader.Read(new CaptureQuery("churn") { Since = Events.Start, Until = Events.Start.AddYears(1), Variant = "primary" }).Select(record => record.InferenceId));
    }

    private static async Task WriteAsync(CaptureRoot root, IEnumerable<CaptureEvent> events)
    {
        var writer = new CaptureWriter(root.Options(capacity: 1_000));
        writer.Start();
        foreach (var captured in events)
            while (!writer.Offer(captured)) await Task.Delay(1); // a test wants every record; the server never waits
        await writer.CompleteAsync();
    }

    private sealed class SteppingClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}

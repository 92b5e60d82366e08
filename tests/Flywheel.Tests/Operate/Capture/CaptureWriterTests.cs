using System.Diagnostics.Metrics;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Telemetry;

namespace Flywheel.Tests.Operate.Capture;

public sealed class CaptureWriterTests
{
    [Fact]
    public async Task Offered_events_become_one_model_monitor_record_each_in_the_partition_of_their_inference_hour()
    {
        using var root = new CaptureRoot();
        var writer = new CaptureWriter(root.Options());
        writer.Start();
        // 03:58:00 + i × 30 s for 10 events: 4 in hour 03 (0..3), 6 in hour 04; the even ones on a second variant.
        for (var i = 0; i < 10; i++) Assert.True(writer.Offer(Events.Make(i, Events.Start.AddSeconds(30 * i), i % 2 == 0 ? "primary" : "shadow")));
        await writer.CompleteAsync();

        var files = root.Files().Select(file => Path.GetRelativePath(root.Path, file).Replace('\\', '/')).ToArray();
        Assert.Equal([
            "capture/churn/primary/2026/12/02/03/20261202T035800-w1.jsonl",
            "capture/churn/primary/2026/12/02/04/20261202T040000-w1.jsonl",
            "capture/churn/shadow/2026/12/02/03/20261202T035830-w1.jsonl",
            "capture/churn/shadow/2026/12/02/04/20261202T040030-w1.jsonl",
        ], files);
        var lines = root.Files().SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(10, lines.Count);
        var ids = new List<string>();
        foreach (var line in lines)
        {
            using var record = JsonDocument.Parse(line);
            var r = record.RootElement;
            var input = r.GetProperty("captureData").GetProperty("endpointInput");
            var output = r.GetProperty("captureData").GetProperty("endpointOutput");
            Assert.Equal(("text/csv", "INPUT", "CSV"), (input.GetProperty("observedContentType").GetString(), input.GetProperty("mode").GetString(), input.GetProperty("encoding").GetString()));
            Assert.Equal(("application/json", "OUTPUT", "JSON"), (output.GetProperty("observedContentType").GetString(), output.GetProperty("mode").GetString(), output.GetProperty("encoding").GetString()));
            Assert.Equal("0", r.GetProperty("eventVersion").GetString());
            var id = r.GetProperty("eventMetadata").GetProperty("inferenceId").GetString()!;
            var i = int.Parse(id[4..]);
            Assert.Equal($"evt-{i:D6}", r.GetProperty("eventMetadata").GetProperty("eventId").GetString());
            Assert.Equal(Events.Start.AddSeconds(30 * i), DateTimeOffset.Parse(r.GetProperty("eventMetadata").GetProperty("inferenceTime").GetString()!));
            Assert.Equal($"{i},0.5,yes", input.GetProperty("data").GetString());
            var flywheel = r.GetProperty("flywheel");
            Assert.Equal("churn:3", flywheel.GetProperty("modelVersion").GetString());
            Assert.Equal(i % 2 == 0 ? "primary" : "shadow", flywheel.GetProperty("variant").GetString());
            Assert.Equal(1.25, flywheel.GetProperty("latencyMs").GetDouble());
            ids.Add(id);
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"inf-{i:D6}"), ids.Order(StringComparer.Ordinal));
        var stats = writer.Stats("churn");
        Assert.Equal((10L, 10L, 0L, 0L, 4L), (stats.Taken, stats.Written, stats.Dropped, stats.Failed, stats.FilesStarted));
    }

    [Fact]
    public async Task A_full_channel_drops_and_counts_at_once_and_the_taken_events_are_written_after_the_disk_resumes()
    {
        using var root = new CaptureRoot();
        using var entered = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var writer = new CaptureWriter(root.Options(capacity: 10) with { WrapStream = inner => new StallingStream(inner, entered, resume) });
        writer.Start();
        Assert.True(writer.Offer(Events.Make(0, Events.Start)));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the writer never started writing");

        // The loop is stuck inside its first write: 10 events fit the channel, the other 90 are dropped, none waits.
        var accepted = Enumerable.Range(1, 100).Count(i => writer.Offer(Events.Make(i, Events.Start)));

        Assert.Equal(10, accepted);
        var stalled = writer.Stats("churn");
        Assert.Equal((11L, 90L, 0L, 10), (stalled.Taken, stalled.Dropped, stalled.Written, stalled.Pending));
        resume.Set();
        await writer.CompleteAsync();
        var ids = root.Files().SelectMany(File.ReadAllLines).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("eventMetadata").GetProperty("inferenceId").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"inf-{i:D6}"), ids);
        Assert.Equal(11L, writer.Stats("churn").Written);
    }

    [Fact]
    public async Task Drops_are_reported_on_the_capture_dropped_instrument_tagged_with_endpoint_and_variant()
    {
        using var root = new CaptureRoot();
        var endpoint = $"drops-{Guid.NewGuid():N}";
        var dropped = new List<(long Value, string? Endpoint, string? Variant)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument == OperateTelemetry.CaptureDropped) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value as string);
            if (tagged.GetValueOrDefault("endpoint") == endpoint) lock (dropped) dropped.Add((value, tagged["endpoint"], tagged.GetValueOrDefault("variant")));
        });
        listener.Start();
        // Never started: the channel holds 2 events and every later offer is dropped.
        var writer = new CaptureWriter(root.Options(capacity: 2));
        var taken = Enumerable.Range(0, 5).Count(i => writer.Offer(Events.Make(i, Events.Start, "blue", endpoint)));

        Assert.Equal(2, taken);
        Assert.Equal([(1L, endpoint, "blue"), (1L, endpoint, "blue"), (1L, endpoint, "blue")], dropped);
        Assert.Equal(3L, writer.Stats(endpoint).Dropped);
        await writer.DisposeAsync();
        Assert.Equal(2, root.Files().SelectMany(File.ReadAllLines).Count());
    }

    [Fact]
    public async Task Shadow_and_custom_attributes_are_kept_in_the_flywheel_object()
    {
        using var root = new CaptureRoot();
        var writer = new CaptureWriter(root.Options());
        writer.Start();
        writer.Offer(Events.Make(1, Events.Start, "challenger") with { Shadow = true, CustomAttributes = "trace=abc" });
        await writer.CompleteAsync();

        var flywheel = JsonDocument.Parse(File.ReadAllLines(root.Files().Single())[0]).RootElement.GetProperty("flywheel");
        Assert.Equal((true, "trace=abc", "challenger", "churn"),
            (flywheel.GetProperty("shadow").GetBoolean(), flywheel.GetProperty("customAttributes").GetString(), flywheel.GetProperty("variant").GetString(), flywheel.GetProperty("endpoint").GetString()));
    }

    [Fact]
    public async Task A_file_that_reaches_the_rotate_size_is_followed_by_a_new_one_in_the_same_hour()
    {
        using var root = new CaptureRoot();
        var writer = new CaptureWriter(root.Options() with { RotateBytes = 1024 });
        writer.Start();
        for (var i = 0; i < 40; i++) writer.Offer(Events.Make(i, Events.Start));
        await writer.CompleteAsync();

        var files = root.Files();
        Assert.True(files.Length > 1, $"{files.Length} file(s)");
        Assert.All(files, file => Assert.Equal("03", Path.GetFileName(Path.GetDirectoryName(file))));
        // Every file but the last one started is full: at least the rotate size, at most one record over it.
        Assert.Single(files, file => new FileInfo(file).Length < 1024);
        Assert.All(files, file => Assert.InRange(new FileInfo(file).Length, 1, 2048));
        Assert.Equal(40, files.SelectMany(File.ReadAllLines).Distinct().Count());
    }

    [Fact]
    public async Task Buffered_records_reach_the_file_on_the_flush_interval_without_waiting_for_shutdown()
    {
        using var root = new CaptureRoot();
        var writer = new CaptureWriter(root.Options() with { FlushInterval = TimeSpan.FromMilliseconds(100) });
        writer.Start();
        writer.Offer(Events.Make(7, Events.Start));
        var lines = Array.Empty<string>();
        for (var attempt = 0; attempt < 300 && lines.Length == 0; attempt++)
        {
            await Task.Delay(50);
            lines = root.Files().SelectMany(file => ReadShared(file)).ToArray();
        }
        Assert.Single(lines);
        Assert.Contains("\"inf-000007\"", lines[0]);
        await writer.CompleteAsync();
    }

    [Fact]
    public async Task Data_that_is_neither_CSV_nor_JSON_is_stored_base64_encoded()
    {
        using var root = new CaptureRoot();
        var writer = new CaptureWriter(root.Options());
        writer.Start();
        writer.Offer(Events.Make(1, Events.Start) with { InputContentType = "text/plain", InputData = "こんにちは" });
        await writer.CompleteAsync();

        var input = JsonDocument.Parse(File.ReadAllLines(root.Files().Single())[0]).RootElement.GetProperty("captureData").GetProperty("endpointInput");
        Assert.Equal("BASE64", input.GetProperty("encoding").GetString());
        Assert.Equal("こんにちは", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(input.GetProperty("data").GetString()!)));
    }

    [Fact]
    public async Task An_endpoint_name_that_cannot_be_a_folder_is_counted_as_failed_and_the_loop_keeps_writing()
    {
        using var root = new CaptureRoot();
        var writer = new CaptureWriter(root.Options());
        writer.Start();
        writer.Offer(Events.Make(1, Events.Start, endpoint: "../escape"));
        writer.Offer(Events.Make(2, Events.Start));
        await writer.CompleteAsync();

        Assert.Equal(1L, writer.Stats("../escape").Failed);
        Assert.Single(root.Files());
        Assert.False(Directory.Exists(Path.Combine(root.Path, "escape")));
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<InputException>(() => new CaptureWriter(new CaptureOptions { Root = "/tmp", Capacity = 0 }));
        Assert.Equal("capture.capacity", error.File);
    }

    private static string[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A disk that hangs: the first write signals <c>entered</c> and blocks until <c>resume</c>.</summary>
    private sealed class StallingStream(Stream inner, ManualResetEventSlim entered, ManualResetEventSlim resume) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            entered.Set();
            resume.Wait();
            inner.Write(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Flywheel.Telemetry;
using Microsoft.Extensions.Logging;

namespace Flywheel.Operate.Capture;

/// <summary>
/// The capture sink: <see cref="Offer"/> puts an event in a bounded channel and returns at once; when the channel is
/// full the event is dropped and counted (the capture is sampled down under overload, scoring never waits). One
/// background loop (<see cref="Start"/>) writes the events as Model Monitor's JSON Lines records into hourly partition
/// files (<see cref="CaptureFileSet"/>), hands them to the operating system every <see cref="CaptureOptions.FlushInterval"/>,
/// and on <see cref="CompleteAsync"/> writes everything still buffered before it closes the files.
/// </summary>
public sealed class CaptureWriter : ICaptureSink, IAsyncDisposable
{
    private const int DrainBatch = 4096;

    private readonly CaptureOptions _options;
    private readonly Channel<CaptureEvent> _channel;
    private readonly ConcurrentDictionary<(string Endpoint, string Variant), CaptureCounters> _counters = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private long _filesStarted;

    /// <summary>How long the loop lets events gather after the channel wakes it (real time; the flush interval uses the options' clock).</summary>
    private static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(10);

    public CaptureWriter(CaptureOptions options)
    {
        _options = options.Checked();
        // Wait mode: TryWrite answers false on a full channel (DropWrite would answer true and lose the event silently).
        _channel = Channel.CreateBounded<CaptureEvent>(new BoundedChannelOptions(options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public CaptureOptions Options => _options;

    public bool Offer(CaptureEvent captured)
    {
        var counters = _counters.GetOrAdd((captured.Endpoint, captured.Variant), _ => new CaptureCounters());
        if (_channel.Writer.TryWrite(captured))
        {
            Interlocked.Increment(ref counters.Taken);
            return true;
        }
        Interlocked.Increment(ref counters.Dropped);
        OperateTelemetry.CaptureDropped.Add(1, new("endpoint", captured.Endpoint), new("variant", captured.Variant));
        return false;
    }

    /// <summary>Starts the background loop (once).</summary>
    public void Start()
    {
        lock (_gate) _loop ??= Task.Run(() => RunAsync(_abort.Token));
    }

    /// <summary>
    /// Takes no more events, writes and flushes those buffered, closes the files. When <paramref name="cancellation"/>
    /// fires first, the loop stops after the record it is writing and flushes what it wrote.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellation = default)
    {
        _channel.Writer.TryComplete();
        Start();
        try
        {
            await _loop!.WaitAsync(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await _abort.CancelAsync();
            await _loop!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync();
        _abort.Dispose();
    }

    /// <summary>What this process took, wrote, dropped and failed to write for <paramref name="endpoint"/>, per variant.</summary>
    public CaptureStats Stats(string endpoint)
    {
        var variants = _counters.Where(pair => pair.Key.Endpoint == endpoint)
            .Select(pair => new VariantCaptureStats(pair.Key.Variant, Interlocked.Read(ref pair.Value.Taken), Interlocked.Read(ref pair.Value.Written),
                Interlocked.Read(ref pair.Value.Dropped), Interlocked.Read(ref pair.Value.Failed)))
            .OrderBy(variant => variant.Variant, StringComparer.Ordinal).ToList();
        return new CaptureStats(endpoint, variants.Sum(v => v.Taken), variants.Sum(v => v.Written), variants.Sum(v => v.Dropped),
            variants.Sum(v => v.Failed), _channel.Reader.Count, Interlocked.Read(ref _filesStarted), variants);
    }

    private async Task RunAsync(CancellationToken abort)
    {
        using var files = new CaptureFileSet(_options);
        var clock = _options.Clock;
        var lastFlush = clock.GetTimestamp();
        Task<bool>? waiting = null;
        Task? due = null;
        try
        {
            while (true)
            {
                // A bounded drain: under sustained load the channel never empties, and the flush below must still come round.
                for (var n = 0; n < DrainBatch && !abort.IsCancellationRequested && _channel.Reader.TryRead(out var captured); n++) Write(files, captured);
                Interlocked.Exchange(ref _filesStarted, files.FilesStarted);
                var sinceFlush = clock.GetElapsedTime(lastFlush);
                if (sinceFlush >= _options.FlushInterval || abort.IsCancellationRequested)
                {
                    Flush(files);
                    lastFlush = clock.GetTimestamp();
                    sinceFlush = TimeSpan.Zero;
                    due = null;
                }
                if (abort.IsCancellationRequested) return;
                waiting ??= _channel.Reader.WaitToReadAsync(abort).AsTask();
                if (files.HasUnflushed)
                {
                    // One timer per flush period, not one per event: at thousands of requests a second the timers
                    // (and a wake-up per event) cost the request path more than writing the records.
                    due ??= Task.Delay(_options.FlushInterval - sinceFlush, clock, abort);
                    if (await Task.WhenAny(waiting, due) != waiting) continue;
                }
                if (!await waiting) return;
                waiting = null;
                // Let a few events gather before draining, so the loop wakes per batch rather than per request.
                await Task.Delay(CoalesceDelay, abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Aborted shutdown: what was written is flushed below.
        }
        finally
        {
            Flush(files);
            Interlocked.Exchange(ref _filesStarted, files.FilesStarted);
        }
    }

    private void Write(CaptureFileSet files, CaptureEvent captured)
    {
        var counters = _counters.GetOrAdd((captured.Endpoint, captured.Variant), _ => new CaptureCounters());
        try
        {
            files.Write(captured);
            Interlocked.Increment(ref counters.Written);
            OperateTelemetry.CaptureWritten.Add(1, new("endpoint", captured.Endpoint), new("variant", captured.Variant));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FlywheelException)
        {
            Interlocked.Increment(ref counters.Failed);
            _options.Logger.LogWarning(error, "capture record {InferenceId} of {Endpoint}/{Variant} not written", captured.InferenceId, captured.Endpoint, captured.Variant);
        }
    }

    private void Flush(CaptureFileSet files)
    {
        try
        {
            files.Flush(_options.Clock.GetUtcNow());
        }
        catch (IOException error)
        {
            _options.Logger.LogWarning(error, "capture files not flushed");
        }
    }

    private sealed class CaptureCounters
    {
        public long Taken;
        public long Written;
        public long Dropped;
        public long Failed;
    }
}

/// <summary>The capture counters of one endpoint since this process started, and the events still buffered.</summary>
public sealed record CaptureStats(string Endpoint, long Taken, long Written, long Dropped, long Failed, int Pending, long FilesStarted,
    IReadOnlyList<VariantCaptureStats> Variants);

public sealed record VariantCaptureStats(string Variant, long Taken, long Written, long Dropped, long Failed);

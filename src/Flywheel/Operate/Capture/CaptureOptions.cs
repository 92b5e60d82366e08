using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Capture;

/// <summary>
/// How the capture writer buffers and writes: where (<see cref="Root"/>, the artifact root; files go under its
/// <c>capture/</c>), how many events wait in memory before new ones are dropped, how often buffered records reach the
/// file, and at what size a file is closed and the next one started.
/// </summary>
public sealed record CaptureOptions
{
    /// <summary>The artifact root; capture files go to <c>&lt;Root&gt;/capture/&lt;endpoint&gt;/&lt;variant&gt;/yyyy/mm/dd/hh/</c>.</summary>
    public required string Root { get; init; }

    /// <summary>Events buffered between the request path and the file; one more is dropped and counted.</summary>
    public int Capacity { get; init; } = 10_000;

    /// <summary>How long a written record may stay in the process's buffers before it is flushed to the file.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A file that reaches this size is closed and the next record starts a new file in the same hour.</summary>
    public long RotateBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Names this process in file names, so several servers (or restarts) never append to one file.</summary>
    public string WriterId { get; init; } = CapturePaths.NewWriterId();

    /// <summary>The clock of the flush interval.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Wraps each file stream the writer opens (instrumentation and tests: a stalled disk); null: none.</summary>
    public Func<Stream, Stream>? WrapStream { get; init; }

    /// <summary>Where write failures (a full disk) are reported; the records concerned are counted as failed.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    internal CaptureOptions Checked()
    {
        if (string.IsNullOrWhiteSpace(Root)) throw new InputException("the capture root must name a folder", "capture.root");
        if (Capacity < 1) throw new InputException($"the capture capacity must be at least 1, not {Capacity}", "capture.capacity");
        if (FlushInterval <= TimeSpan.Zero) throw new InputException($"the capture flush interval must be positive, not {FlushInterval}", "capture.flushInterval");
        if (RotateBytes < 1024) throw new InputException($"the capture rotate size must be at least 1024 bytes, not {RotateBytes}", "capture.rotateBytes");
        return this;
    }
}

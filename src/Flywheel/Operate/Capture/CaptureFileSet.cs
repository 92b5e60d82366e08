using System.Buffers;

namespace Flywheel.Operate.Capture;

/// <summary>
/// The files the capture writer has open, one per endpoint, variant and hour: a record goes to the file of its
/// inference hour (UTC), a file that reached the rotate size is closed and the next one started, and a flush closes
/// the files of hours that are over. Used by the writer's one loop only, so it needs no locks.
/// </summary>
internal sealed class CaptureFileSet(CaptureOptions options) : IDisposable
{
    private readonly Dictionary<(string Endpoint, string Variant, DateTime Hour), OpenFile> _open = [];
    private readonly ArrayBufferWriter<byte> _line = new(4096);

    public long FilesStarted { get; private set; }

    public void Write(CaptureEvent captured)
    {
        _line.ResetWrittenCount();
        CaptureRecordFormat.Write(captured, _line);
        var file = FileFor(captured);
        file.Stream.Write(_line.WrittenSpan);
        file.Bytes += _line.WrittenCount;
        file.Dirty = true;
    }

    /// <summary>Hands every buffered record to the operating system; closes the files of hours before <paramref name="now"/>'s.</summary>
    public void Flush(DateTimeOffset now)
    {
        var currentHour = Hour(now);
        foreach (var (key, file) in _open.ToList())
        {
            if (file.Dirty) file.Stream.Flush();
            file.Dirty = false;
            if (key.Hour < currentHour.AddHours(-1))
            {
                file.Stream.Dispose();
                _open.Remove(key);
            }
        }
    }

    public bool HasUnflushed => _open.Values.Any(file => file.Dirty);

    public void Dispose()
    {
        foreach (var file in _open.Values)
        {
            try
            {
                file.Stream.Dispose();
            }
            catch (IOException)
            {
                // Disposing flushes; a disk that fails now has already been reported by the write that failed.
            }
        }
        _open.Clear();
    }

    private OpenFile FileFor(CaptureEvent captured)
    {
        var key = (captured.Endpoint, captured.Variant, Hour(captured.InferenceTime));
        if (_open.TryGetValue(key, out var file))
        {
            if (file.Bytes < options.RotateBytes) return file;
            file.Stream.Dispose();
            _open.Remove(key);
        }
        file = Start(captured);
        _open[key] = file;
        return file;
    }

    private OpenFile Start(CaptureEvent captured)
    {
        var folder = CapturePaths.HourFolder(CapturePaths.VariantFolder(options.Root, captured.Endpoint, captured.Variant), captured.InferenceTime);
        Directory.CreateDirectory(folder);
        for (var sequence = 0; ; sequence++)
        {
            var path = Path.Combine(folder, CapturePaths.FileName(captured.InferenceTime, options.WriterId, sequence));
            if (File.Exists(path)) continue;
            Stream stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024);
            if (options.WrapStream is { } wrap) stream = wrap(stream);
            FilesStarted++;
            return new OpenFile(stream);
        }
    }

    private static DateTime Hour(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
    }

    private sealed class OpenFile(Stream stream)
    {
        public Stream Stream { get; } = stream;
        public long Bytes { get; set; }
        public bool Dirty { get; set; }
    }
}

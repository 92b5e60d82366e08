using System.Text;

namespace Flywheel.Storage;

/// <summary>Writes a file so that readers see either the old content or the whole new one, never half of it.</summary>
public static class AtomicFile
{
    private static readonly AsyncLocal<Action<string>?> Observer = new();

    public static void WriteAllText(string path, string content) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(content);
        });

    public static void WriteAllBytes(string path, byte[] content) => Write(path, stream => stream.Write(content));

    /// <summary>
    /// Calls <paramref name="beforeWrite"/> with <see cref="WritePoints.OutputTemp"/> and <see cref="WritePoints.OutputRename"/>
    /// for every atomic write in this async flow until disposed: the host's fault-injection seam for outputs.
    /// </summary>
    public static IDisposable Observe(Action<string>? beforeWrite)
    {
        var previous = Observer.Value;
        Observer.Value = beforeWrite;
        return new Scope(() => Observer.Value = previous);
    }

    /// <summary>
    /// Runs <paramref name="write"/> against a temporary file beside <paramref name="path"/>, flushes it to disk and
    /// moves it into place only if it succeeds. Temporary files of this target left by a writer that died are removed first.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var prefix = $".{Path.GetFileName(full)}.";
        RemoveDeadTemporaries(directory, prefix);
        var temporary = Path.Combine(directory, $"{prefix}{WriterTag.Current}~{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }
            Observer.Value?.Invoke(WritePoints.OutputTemp);
            // Reopened: callers may dispose the stream they were handed.
            using (var handle = File.OpenHandle(temporary, FileMode.Open, FileAccess.ReadWrite))
            {
                RandomAccess.FlushToDisk(handle);
            }
            Observer.Value?.Invoke(WritePoints.OutputRename);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static void RemoveDeadTemporaries(string directory, string prefix)
    {
        foreach (var stale in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            var tag = Path.GetFileName(stale)[prefix.Length..^".tmp".Length];
            if (WriterTag.IsLive(tag)) continue;
            try
            {
                File.Delete(stale);
            }
            catch (IOException)
            {
                // Gone already, or held by someone: the next write tries again.
            }
        }
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Flywheel.Storage;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new one, never half of it: the content goes
/// to a temporary file beside the target (<c>.name.&lt;guid&gt;.tmp</c>), which is moved into place only when complete.
/// A symbolic link is followed (its target is written, the link stays), an existing file keeps its permissions, a FIFO
/// or device such as <c>/dev/null</c> is written through like the shell's <c>&gt;</c> (there is nothing to replace), and
/// a directory is refused. Temporary files left by a killed write to the same target are removed first.
/// </summary>
public static partial class AtomicFile
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
        var full = Resolve(path);
        switch (FileKinds.Of(full))
        {
            case FileKind.Directory:
                throw new InputException("this is a directory; give a file name to write", path);
            case FileKind.Special:
                using (var through = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) write(through);
                return;
        }
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveLeftovers(directory, Path.GetFileName(full));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{WriterTag.Current}~{Guid.NewGuid():N}.tmp");
        try
        {
            // FileShare.Read takes a shared lock: a concurrent RemoveLeftovers cannot take this file while it is written.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                write(stream);
            }
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                if (File.Exists(full)) File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
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

    /// <summary>The file a write to <paramref name="path"/> lands in: the final target of a symbolic link, else the path itself.</summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        // Links to links are followed one at a time (a dangling one ends at its missing target), at most 40 as the kernel does.
        for (var hops = 0; hops < 40; hops++)
        {
            string? link;
            try
            {
                link = new FileInfo(full).LinkTarget;
            }
            catch (IOException error)
            {
                throw new InputException($"the output path cannot be followed: {error.Message}", path, inner: error);
            }
            if (link is null) return full;
            full = Path.GetFullPath(link, Path.GetDirectoryName(full)!);
        }
        throw new InputException("the output path is a loop of symbolic links", path);
    }

    /// <summary>Deletes the temporary files of earlier writes to <paramref name="name"/> that no live process holds open.</summary>
    private static void RemoveLeftovers(string directory, string name)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, $".{name}.*.tmp").ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            var suffix = Path.GetFileName(candidate)[(name.Length + 1)..];
            if (!Leftover().IsMatch(suffix)) continue;
            // A writer on another host, or a live process here, may still be writing it.
            if (suffix.Contains('~') && WriterTag.IsLive(suffix[1..])) continue;
            try
            {
                // An exclusive lock fails while a writer holds its shared one; a killed writer holds nothing.
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(candidate);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // In use by a live write, or not ours to delete.
            }
        }
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    // ".<host>~<pid>~<guid>.tmp" (the writer's tag), or ".<guid>.tmp" as older versions named them.
    [GeneratedRegex("^\\.(?:[^~]+~[0-9]+~)?[0-9a-f]{32}\\.tmp$")]
    private static partial Regex Leftover();
}

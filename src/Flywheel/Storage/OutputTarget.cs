using System.Text;

namespace Flywheel.Storage;

/// <summary>
/// Where a command's <c>-o</c> sends its output, checked before any work is done: a file (written through
/// <see cref="AtomicFile"/>: links followed, devices and FIFOs written through, permissions kept), or a stream the host
/// hands in for <c>-</c> (standard output). A directory, or one of the command's own input files, is refused.
/// </summary>
public sealed class OutputTarget
{
    /// <summary>The name that means "write to standard output", as in most Unix tools.</summary>
    public const string StandardOutput = "-";

    private readonly Func<Stream>? _open;

    private OutputTarget(string display, string? path, Func<Stream>? open)
    {
        Display = display;
        Path = path;
        _open = open;
    }

    /// <summary>What to tell the user the output went to: the path as given, or "stdout".</summary>
    public string Display { get; }

    /// <summary>The file written (a link's final target), or null for a stream.</summary>
    public string? Path { get; }

    public bool IsStream => _open is not null;

    /// <summary>
    /// A target from the text of <c>-o</c>: <c>-</c> writes to <paramref name="standardOutput"/>; anything else is a file
    /// that must not be a directory nor any of <paramref name="inputs"/> (compared after following links).
    /// </summary>
    public static OutputTarget Parse(string text, Func<Stream> standardOutput, params IEnumerable<string?> inputs) =>
        text == StandardOutput ? new OutputTarget("stdout", null, standardOutput) : File(text, inputs);

    /// <summary>A file target; see <see cref="Parse"/>.</summary>
    public static OutputTarget File(string path, params IEnumerable<string?> inputs)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InputException("the output path is empty; give a file name, or - for standard output");
        var resolved = AtomicFile.Resolve(path);
        if (FileKinds.Of(resolved) == FileKind.Directory)
            throw new InputException("this is a directory; give a file name to write (or - for standard output)", path);
        foreach (var input in inputs)
        {
            if (input is null || !System.IO.File.Exists(input)) continue;
            if (string.Equals(AtomicFile.Resolve(input), resolved, StringComparison.Ordinal))
                throw new InputException("this is the input file; writing here would destroy the data being read: give another output path", path);
        }
        return new OutputTarget(path, resolved, null);
    }

    /// <summary>
    /// A folder target (a command that writes several files): it must not be an existing file, nor <c>-</c>.
    /// Returns the full path of the folder.
    /// </summary>
    public static string Folder(string path)
    {
        if (path == StandardOutput) throw new InputException("this command writes several files; give a folder, not - (standard output)", path);
        if (string.IsNullOrWhiteSpace(path)) throw new InputException("the output folder is empty; give a folder name");
        var resolved = AtomicFile.Resolve(path);
        return FileKinds.Of(resolved) is FileKind.Regular or FileKind.Special
            ? throw new InputException("this is a file; this command writes several files and needs a folder here", path)
            : resolved;
    }

    /// <summary>Writes the output: atomically to a file, straight through to a stream.</summary>
    public void Write(Action<Stream> write)
    {
        if (_open is null)
        {
            AtomicFile.Write(Path!, write);
            return;
        }
        var stream = _open();
        write(new KeepOpen(stream));
        stream.Flush();
    }

    public void WriteAllText(string text) =>
        Write(stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(text);
        });

    // The host owns standard output: a writer disposed by the caller must not close it.
    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}

using System.Text;

namespace Flywheel.Storage;

/// <summary>Writes a file so that readers see either the old content or the whole new one, never half of it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(content);
        });

    public static void WriteAllBytes(string path, byte[] content) => Write(path, stream => stream.Write(content));

    /// <summary>Runs <paramref name="write"/> against a temporary file beside <paramref name="path"/> and moves it into place only if it succeeds.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

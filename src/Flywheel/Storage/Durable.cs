namespace Flywheel.Storage;

/// <summary>fsync for files and folders: a rename is only as durable as the data and the directory entry behind it.</summary>
internal static class Durable
{
    public static void FlushFolder(string folder, bool filesToo = true)
    {
        if (filesToo)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
                stream.Flush(flushToDisk: true);
            }
        }
        if (OperatingSystem.IsWindows()) return; // Windows cannot open a directory to flush it; NTFS journals the rename.
        try
        {
            using var handle = File.OpenHandle(folder, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (UnauthorizedAccessException)
        {
            // Some file systems refuse to open a directory; the data itself was flushed above.
        }
        catch (IOException)
        {
        }
    }
}

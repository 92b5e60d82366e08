namespace Flywheel.Storage;

/// <summary>
/// Names staging folders and temp files after the host and process that write them (<c>host~pid~…</c>), so a later
/// process can tell debris left by a dead writer from the work of a live one.
/// </summary>
internal static class WriterTag
{
    private const char Separator = '~';

    public static string Current { get; } = $"{Sanitize(Environment.MachineName)}{Separator}{Environment.ProcessId}";

    /// <summary>True while the writer that made <paramref name="name"/> may still be working: same host and its pid alive, or another host.</summary>
    public static bool IsLive(string name)
    {
        var parts = name.Split(Separator);
        if (parts.Length < 3 || !int.TryParse(parts[1], out var pid)) return false;
        if (!string.Equals(parts[0], Sanitize(Environment.MachineName), StringComparison.OrdinalIgnoreCase)) return true;
        return ProcessAlive(pid);
    }

    public static bool ProcessAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Sanitize(string host) => new(host.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
}

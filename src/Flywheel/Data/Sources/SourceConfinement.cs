using Flywheel.UseCases;

namespace Flywheel.Data.Sources;

/// <summary>
/// Keeps a use case's <c>data.source</c> inside the use-case folder or the host's data roots, after following every
/// symbolic link, so a shared file such as <c>flywheel.yaml</c> cannot make a server (or a colleague's CLI) read
/// <c>/etc/shadow</c>. A file the user names on the command line is theirs to read and is not confined.
/// </summary>
public static class SourceConfinement
{
    /// <summary>The environment variable the CLI reads data roots from (separated like PATH).</summary>
    public const string EnvironmentVariable = "FLYWHEEL_DATA_ROOTS";

    public static void Check(UseCase useCase, Positioned<string> source, string path)
    {
        var real = RealPath(path);
        if (Inside(real, RealPath(useCase.Directory))) return;
        if (useCase.DataRoots.Any(root => Inside(real, RealPath(Path.GetFullPath(root))))) return;
        var roots = useCase.DataRoots.Count == 0 ? "no data roots are configured" : $"the data roots are {string.Join(", ", useCase.DataRoots)}";
        throw source.Position.Error(
            $"the data source '{source.Value}' resolves to {real}, outside the use-case folder, and {roots}; allow its folder with --data-root DIR "
            + $"or {EnvironmentVariable}, or copy the file into the use-case folder");
    }

    /// <summary>The path with every symbolic link along it resolved (the parts that do not exist are kept as written).</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        var parts = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        for (var hops = 0; parts.Count > 0;)
        {
            var next = Path.Combine(current, parts.Dequeue());
            var link = new FileInfo(next).LinkTarget;
            if (link is null || ++hops > 40)
            {
                current = next;
                continue;
            }
            // Re-walk the link's target: it may hold links of its own.
            var target = Path.GetFullPath(link, current);
            var rest = parts.ToArray();
            parts = new Queue<string>(target[Path.GetPathRoot(target)!.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
            current = Path.GetPathRoot(target)!;
        }
        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it (both real, full paths).</summary>
    public static bool Inside(string path, string folder)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) || path == folder;
    }
}

using Flywheel.Data.Sources;

namespace Flywheel.Operate.Jobs;

/// <summary>
/// Confines paths that arrive in requests (batch inputs and outputs, async input locations) to the server's data
/// roots: relative paths are taken from the first root, <c>..</c> segments are refused outright, and the real path
/// (every symbolic link followed) must lie inside a root. Anything else is an <see cref="InputException"/> naming the field.
/// </summary>
public sealed class DataPaths(IReadOnlyList<string> roots)
{
    private readonly IReadOnlyList<string> _roots = roots.Select(root => SourceConfinement.RealPath(Path.GetFullPath(root))).ToList();

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The real path of <paramref name="path"/>, inside a data root; <paramref name="field"/> names the request element.</summary>
    public string Resolve(string path, string field)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InputException("the path is empty", field);
        if (_roots.Count == 0) throw new InputException("the server has no data roots, so no path may be named; start it with --data-root DIR", field);
        if (path.Contains('\0') || path.Replace('\\', '/').Split('/').Contains("..")) throw new InputException($"the path '{path}' climbs out with '..'", field);
        var full = Path.IsPathRooted(path) ? Path.GetFullPath(path) : Path.GetFullPath(path, _roots[0]);
        var real = SourceConfinement.RealPath(full);
        // A root itself is not a file a request may name.
        if (_roots.Any(root => real != root && SourceConfinement.Inside(real, root))) return real;
        throw new InputException($"the path '{path}' resolves outside the data roots ({string.Join(", ", _roots)})", field);
    }
}

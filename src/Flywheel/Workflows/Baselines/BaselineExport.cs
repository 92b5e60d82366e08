using Flywheel.Registry;
using Flywheel.Storage;

namespace Flywheel.Workflows.Baselines;

/// <summary>
/// Writes a package's Model Monitor baseline — the <c>statistics.json</c> and <c>constraints.json</c> it carries as
/// attachments — into a folder under Model Monitor's names, each file atomically. A package without both attachments
/// (packaged before baselines, or not by Flywheel) is refused before anything is written.
/// </summary>
public static class BaselineExport
{
    /// <summary>The files written, in the order of <see cref="BaselineFiles.ModelMonitorNames"/>.</summary>
    public static IReadOnlyList<string> Export(ModelPackage package, string folder)
    {
        var attached = package.Manifest.Attachments.Select(a => a.File).ToHashSet(StringComparer.Ordinal);
        var missing = BaselineFiles.ModelMonitorNames.Keys.Where(name => !attached.Contains(name)).ToList();
        if (missing.Count > 0)
            throw new InputException(
                $"{package.Manifest.ModelName} (package {package.Id[..12]}…) has no monitoring baseline: it lacks {string.Join(" and ", missing)}; " +
                "retrain it with this version of Flywheel to store one", Path.Combine(package.Path, ModelPackageWriter.ManifestFileName));
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var (attachment, exported) in BaselineFiles.ModelMonitorNames)
        {
            var path = Path.Combine(folder, exported);
            AtomicFile.WriteAllBytes(path, File.ReadAllBytes(package.AttachmentPath(attachment)));
            written.Add(path);
        }
        return written;
    }
}

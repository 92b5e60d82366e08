using Flywheel.UseCases;

namespace Flywheel.Tests.Workflows;

/// <summary>A temporary use-case folder whose flywheel.yaml points at a sample's data; deleted on dispose.</summary>
public sealed class UseCaseFolder : IDisposable
{
    public UseCaseFolder(string yaml)
    {
        Directory.CreateDirectory(Path);
        System.IO.File.WriteAllText(System.IO.Path.Combine(Path, "flywheel.yaml"), yaml);
    }

    /// <summary>
    /// A copy of a sample's flywheel.yaml and its data file (a source outside the use-case folder is refused unless a
    /// data root allows it), so outputs land in the temporary folder.
    /// </summary>
    public static UseCaseFolder FromSample(string sample, string source, string extraYaml = "")
    {
        var yaml = System.IO.File.ReadAllText(Repo($"samples/{sample}/flywheel.yaml"));
        var folder = new UseCaseFolder(yaml + "\n" + extraYaml);
        var copy = folder.File(source);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
        System.IO.File.Copy(Repo($"samples/{sample}/{source}"), copy);
        return folder;
    }

    /// <summary>The data roots that let a use case read the repository's samples in place.</summary>
    public static UseCaseOptions Samples => new([Repo("samples")]);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flywheel-test-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }

    /// <summary>A file of the repository (samples/…), found by walking up to the solution file.</summary>
    public static string Repo(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Flywheel.slnx"))) directory = directory.Parent;
        return System.IO.Path.Combine(directory?.FullName ?? throw new InvalidOperationException("the repository root was not found"), relative);
    }
}

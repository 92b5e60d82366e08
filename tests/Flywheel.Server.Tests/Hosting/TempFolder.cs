namespace Flywheel.Server.Tests.Hosting;

/// <summary>A temporary folder deleted on dispose; <see cref="FromSample"/> copies a sample's flywheel.yaml and data file into it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flywheel-server-test-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static TempFolder FromSample(string sample, string source)
    {
        var folder = new TempFolder();
        System.IO.File.Copy(Repo($"samples/{sample}/flywheel.yaml"), folder.File("flywheel.yaml"));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(folder.File(source))!);
        System.IO.File.Copy(Repo($"samples/{sample}/{source}"), folder.File(source));
        return folder;
    }

    public TempFolder CopyTo(TempFolder target)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(Path, target.Path, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            System.IO.File.Copy(file, file.Replace(Path, target.Path, StringComparison.Ordinal), overwrite: true);
        return target;
    }

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

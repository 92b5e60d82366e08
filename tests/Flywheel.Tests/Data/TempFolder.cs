using System.Text;

namespace Flywheel.Tests.Data;

/// <summary>A scratch folder for files a test writes; removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flywheel-test-{Guid.NewGuid():N}");

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content, new UTF8Encoding(false));
        return file;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Data files committed with the tests.</summary>
public static class TestData
{
    public static string File(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "Files", name);

    public static string Repo(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Flywheel.slnx"))) directory = directory.Parent;
        return System.IO.Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }
}

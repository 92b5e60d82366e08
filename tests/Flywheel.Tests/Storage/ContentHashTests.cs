using Flywheel.Storage;

namespace Flywheel.Tests.Storage;

public class ContentHashTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-hash-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Hash_follows_the_documented_framing()
    {
        Write("sub/b.txt", "月");
        Write("a.txt", "x");

        // python: sha256 over name + b"\0" + len.to_bytes(8, "little") + bytes, files in ordinal path order
        Assert.Equal("446097596093f7432a34b9de766c094cd32b8c3e6b81aa12e6f610d87bd817c9", ContentHash.OfFolder(_folder));
    }

    [Fact]
    public void Excluded_files_and_file_dates_do_not_count_but_names_and_bytes_do()
    {
        Write("a.txt", "x");
        var before = ContentHash.OfFolder(_folder);

        Write("package.json", "{}");
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "a.txt"), new DateTime(2001, 1, 1));
        Assert.Equal(before, ContentHash.OfFolder(_folder, new HashSet<string> { "package.json" }));

        File.Move(Path.Combine(_folder, "a.txt"), Path.Combine(_folder, "b.txt"));
        Assert.NotEqual(before, ContentHash.OfFolder(_folder, new HashSet<string> { "package.json" }));
    }
}

using Flywheel.Storage;

namespace Flywheel.Tests.Storage;

public class FileArtifactStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Same_content_is_stored_once_under_its_hash()
    {
        var store = new FileArtifactStore(_root);

        var first = store.StoreFolder(folder => File.WriteAllText(Path.Combine(folder, "a.txt"), "x"));
        var second = store.StoreFolder(folder => File.WriteAllText(Path.Combine(folder, "a.txt"), "x"));

        Assert.Equal(first, second);
        Assert.Equal(Path.Combine(_root, first.Id), first.Path);
        Assert.Equal(first.Id, ContentHash.OfFolder(first.Path));
        Assert.Equal([first.Path], Directory.GetDirectories(_root).Where(d => !Path.GetFileName(d).StartsWith('.')));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, ".staging")));
        Assert.Equal(first, store.Get(first.Id));
    }

    [Fact]
    public void A_failed_write_leaves_nothing_behind()
    {
        var store = new FileArtifactStore(_root);

        Assert.Throws<IOException>(() => store.StoreFolder(folder =>
        {
            File.WriteAllText(Path.Combine(folder, "half.txt"), "x");
            throw new IOException("disk full");
        }));

        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, ".staging")));
        Assert.DoesNotContain(Directory.GetDirectories(_root), d => !Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void Unknown_artifact_is_an_input_error()
    {
        var error = Assert.Throws<NotFoundException>(() => new FileArtifactStore(_root).Get(new string('0', 64)));

        Assert.Contains("has no artifact", error.Message);
    }
}

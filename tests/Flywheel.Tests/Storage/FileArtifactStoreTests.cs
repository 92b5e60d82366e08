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

    [Fact]
    public void Artifacts_are_written_and_read_by_id_through_streams()
    {
        var store = new FileArtifactStore(_root);

        var stored = store.StoreFiles(new Dictionary<string, Action<Stream>> { ["model.bin"] = stream => stream.Write([1, 2, 3]) });
        using var read = store.OpenRead(stored.Id, "model.bin");
        using var copy = new MemoryStream();
        read.CopyTo(copy);

        Assert.Equal([1, 2, 3], copy.ToArray());
        Assert.Equal(stored.Id, store.StoreFolder(folder => File.WriteAllBytes(Path.Combine(folder, "model.bin"), [1, 2, 3])).Id);
        Assert.Throws<NotFoundException>(() => store.OpenRead(stored.Id, "other.bin"));
        Assert.Throws<InputException>(() => store.OpenRead(stored.Id, "../../escape"));
    }

    [Fact]
    public void Debris_of_a_live_writer_is_kept_and_of_a_dead_one_removed()
    {
        var store = new FileArtifactStore(_root);
        var staging = Path.Combine(_root, FileArtifactStore.StagingFolderName);
        var live = Directory.CreateDirectory(Path.Combine(staging, $"{Environment.MachineName}~{Environment.ProcessId}~work")).FullName;
        var otherHost = Directory.CreateDirectory(Path.Combine(staging, "gpu-box~4242~work")).FullName;
        var dead = Directory.CreateDirectory(Path.Combine(staging, $"{Environment.MachineName}~999999~work")).FullName;
        var legacy = Directory.CreateDirectory(Path.Combine(staging, "0123456789abcdef")).FullName;

        var removed = store.CleanDebris(_ => false);

        Assert.Equal(2, removed);
        Assert.True(Directory.Exists(live) && Directory.Exists(otherHost));
        Assert.False(Directory.Exists(dead) || Directory.Exists(legacy));
    }
}

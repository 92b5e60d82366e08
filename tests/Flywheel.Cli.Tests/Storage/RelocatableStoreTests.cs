namespace Flywheel.Cli.Tests.Storage;

/// <summary>A trained use-case folder copied or moved elsewhere keeps working: the registry names packages by id.</summary>
public sealed class RelocatableStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-relocate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_copied_then_moved_use_case_folder_still_shows_predicts_and_evaluates()
    {
        var trained = StoreProcess.CopyOfPenguins(_root);
        var train = CliProcess.RunIn(trained, "train", trained, "--max-trials", "2", "--budget", "30s", "--seed", "3");
        Assert.True(train.ExitCode == 0, train.Stderr);

        // cp -r, then delete the original so nothing can still point at it; then mv the copy.
        var copied = Path.Combine(_root, "copied");
        StoreProcess.CopyFolder(trained, copied);
        Directory.Delete(trained, recursive: true);
        var moved = Path.Combine(_root, "moved");
        Directory.Move(copied, moved);

        var show = CliProcess.RunIn(moved, "models", "show", "penguins@candidate");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains(Path.Combine(moved, ".flywheel", "artifacts"), show.Stdout.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));

        var scored = Path.Combine(_root, "scored.csv");
        var predict = CliProcess.RunIn(moved, "predict", "penguins@candidate", Path.Combine(moved, "data", "penguins.csv"), "-o", scored);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal(345, File.ReadLines(scored).Count());

        var evaluate = CliProcess.RunIn(moved, "evaluate", moved, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Contains("\"penguins:1\"", evaluate.Stdout);
    }
}

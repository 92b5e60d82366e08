namespace Flywheel.Cli.Tests.Simulate;

/// <summary>The churn sample trained once (one trial, a short budget) for the simulate tests; each test works on its own copy.</summary>
public sealed class TrainedChurn : IDisposable
{
    private readonly List<string> _copies = [];

    public TrainedChurn()
    {
        Folder = NewFolder("trained");
        var train = CliProcess.RunIn(Folder, "train", Folder, "--max-trials", "1", "--budget", "20s", "--seed", "3");
        if (train.ExitCode != 0) throw new InvalidOperationException($"training the churn copy failed: {train.Stderr}");
    }

    public string Folder { get; }

    /// <summary>The churn sample's yaml and data in a new temporary folder, untrained.</summary>
    public string NewFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"flywheel-simulate-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.Copy(CliProcess.Repo("samples/churn/flywheel.yaml"), Path.Combine(folder, "flywheel.yaml"));
        File.Copy(CliProcess.Repo("samples/churn/data/mlc_churn.csv"), Path.Combine(folder, "data", "mlc_churn.csv"));
        _copies.Add(folder);
        return folder;
    }

    /// <summary>A copy of the trained folder, store and packages included.</summary>
    public string Copy()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"flywheel-simulate-copy-{Guid.NewGuid():N}");
        foreach (var directory in Directory.EnumerateDirectories(Folder, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(copy, Path.GetRelativePath(Folder, directory)));
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(copy, Path.GetRelativePath(Folder, file)));
        _copies.Add(copy);
        return copy;
    }

    public void Dispose()
    {
        foreach (var folder in _copies.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
    }
}

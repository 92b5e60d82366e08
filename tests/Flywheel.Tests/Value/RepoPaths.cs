namespace Flywheel.Tests.Value;

/// <summary>Finds files of the repository (samples) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Flywheel.slnx"))) return folder.FullName;
        }
        throw new InvalidOperationException("the repository root (Flywheel.slnx) was not found above the test folder");
    }
}

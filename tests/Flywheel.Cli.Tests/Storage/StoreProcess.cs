using System.Diagnostics;
using System.Text;

namespace Flywheel.Cli.Tests.Storage;

/// <summary>Runs the built CLI as a process with extra environment (the fault hook, the store), or starts it without waiting.</summary>
internal static class StoreProcess
{
    public static CliProcess.Outcome Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        return new CliProcess.Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = CliProcess.StartInfo(workingDirectory, args);
        // Core dumps of the deliberately killed processes would only fill the disk.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>A copy of the penguins sample (data included) in a fresh temporary folder.</summary>
    public static string CopyOfPenguins(string parent)
    {
        var folder = Path.Combine(parent, $"penguins-{Guid.NewGuid():N}"[..17]);
        CopyFolder(CliProcess.Sample("penguins"), folder);
        return folder;
    }

    public static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        // Empty folders (the artifact store's .staging) too.
        foreach (var folder in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, folder)));
    }
}

using System.Diagnostics;
using System.Text;

namespace Flywheel.Cli.Tests;

/// <summary>Runs the built CLI in its own process, so stdout, stderr and the exit code are exactly what a user sees.</summary>
internal static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static string RepoRoot { get; } = FindRoot();

    public static string Sample(string name) => Path.Combine(RepoRoot, "samples", name);

    /// <summary>A path inside the repository, from a path relative to its root.</summary>
    public static string Repo(string relative) => Path.Combine(RepoRoot, relative);

    public static Outcome Run(params string[] args) => RunIn(RepoRoot, args);

    /// <summary>Runs the CLI from <paramref name="workingDirectory"/> (where a bare <c>name@alias</c> finds its store).</summary>
    public static Outcome RunIn(string workingDirectory, params string[] args) => Run(StartInfo(workingDirectory, args));

    /// <summary>How the CLI is started from <paramref name="workingDirectory"/>, output captured as UTF-8, 160 columns wide.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Flywheel.Cli.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["COLUMNS"] = "160";
        return start;
    }

    /// <summary>Starts the process, waits for it (five minutes at most) and returns its exit code and output.</summary>
    public static Outcome Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Flywheel.slnx"))) return folder.FullName;
        }
        throw new InvalidOperationException("the repository root (Flywheel.slnx) was not found above the test folder");
    }
}

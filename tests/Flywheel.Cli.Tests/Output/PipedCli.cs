using System.Diagnostics;
using System.Text;

namespace Flywheel.Cli.Tests.Output;

/// <summary>
/// Runs the CLI as <c>flywheel … &gt; file</c> does: stdout and stderr redirected and no <c>COLUMNS</c> in the
/// environment (CliProcess sets one), so nothing tells the CLI a width.
/// </summary>
internal static class PipedCli
{
    public static CliProcess.Outcome RunIn(string workingDirectory, params string[] args)
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
        start.Environment.Remove("COLUMNS");
        start.Environment.Remove("LINES");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        return new CliProcess.Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static IReadOnlyList<string> Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
}

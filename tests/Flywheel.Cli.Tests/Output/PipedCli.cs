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
        var start = CliProcess.StartInfo(workingDirectory, args);
        start.Environment.Remove("COLUMNS");
        start.Environment.Remove("LINES");
        return CliProcess.Run(start);
    }

    public static IReadOnlyList<string> Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
}

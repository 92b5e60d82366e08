using Spectre.Console;

namespace Flywheel.Cli;

/// <summary>
/// Where the CLI writes. Results go to stdout; progress (bars, status lines) goes to stderr, so that
/// <c>flywheel run . &gt; out.txt</c> or <c>| grep</c> gets only results. When stdout is not a terminal it has no
/// width, and Spectre.Console would assume 80 columns and wrap lines mid-word; piped output is not wrapped instead.
/// </summary>
internal static class CliConsole
{
    /// <summary>The width given to redirected stdout: wide enough that no line wraps, small enough for Spectre's arithmetic.</summary>
    public const int RedirectedWidth = 4096;

    public static void Configure()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Console.Profile.Width = RedirectedWidth;
    }

    /// <summary>Whether progress can be drawn: stderr is a terminal. A log file of redrawn bars helps nobody.</summary>
    public static bool ShowsProgress => !Console.IsErrorRedirected;

    /// <summary>A console on stderr for progress displays, created on each call so it follows the current <see cref="Console.Error"/>.</summary>
    public static IAnsiConsole Error() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}

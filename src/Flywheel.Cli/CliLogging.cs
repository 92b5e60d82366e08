using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Flywheel.Cli;

/// <summary>
/// The host's logging: the library reports through <see cref="ILogger"/>, and the CLI sends it to standard error, one
/// line per message, Warning and above unless <c>--verbose</c> (Information) or <c>--log-level</c> asks for more
/// (<c>trace</c> shows each DuckDB query with its time). Standard output stays the command's result.
/// </summary>
public static class CliLogging
{
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log what the library does (loading, each trial, refit, publish, scoring) to stderr",
        Recursive = true,
    };

    public static Option<LogLevel?> Level { get; } = new("--log-level")
    {
        Description = "Log level on stderr: trace, debug, information, warning (default), error",
        Recursive = true,
        HelpName = "level",
    };

    public static LogLevel LevelOf(ParseResult parse) =>
        parse.GetValue(Level) ?? (parse.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning);

    /// <summary>A logger factory for one command; dispose it to flush the lines still queued.</summary>
    public static ILoggerFactory Create(ParseResult parse) => Create(LevelOf(parse));

    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(builder => Configure(builder, level));

    /// <summary>The same setup on a host's logging builder (<c>flywheel serve</c>): its own providers replaced by stderr lines.</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder, LogLevel level) => builder
        .ClearProviders()
        .SetMinimumLevel(level)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.ColorBehavior = LoggerColorBehavior.Disabled;
            options.TimestampFormat = "HH:mm:ss ";
        });
}

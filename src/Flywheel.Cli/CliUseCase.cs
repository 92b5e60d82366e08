using System.CommandLine;
using Flywheel.Data.Sources;
using Flywheel.UseCases;

namespace Flywheel.Cli;

/// <summary>
/// The host's side of data confinement: <c>--data-root DIR</c> (repeatable, on every command) and
/// <c>FLYWHEEL_DATA_ROOTS</c> (separated like PATH) name the folders a use case's <c>data.source</c> may read outside
/// its own folder. The library reads no environment; the roots are handed to it here.
/// </summary>
internal static class CliUseCase
{
    public static Option<string[]> DataRoot { get; } = new("--data-root")
    {
        Description = $"A folder a use case's data.source may read from outside the use-case folder (repeatable; also {SourceConfinement.EnvironmentVariable})",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static UseCaseOptions Options(ParseResult parse)
    {
        var roots = new List<string>(parse.GetValue(DataRoot) ?? []);
        if (Environment.GetEnvironmentVariable(SourceConfinement.EnvironmentVariable) is { Length: > 0 } variable)
            roots.AddRange(variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new UseCaseOptions(roots);
    }

    public static UseCase Load(ParseResult parse, string path) => UseCaseLoader.Load(path, Options(parse));
}

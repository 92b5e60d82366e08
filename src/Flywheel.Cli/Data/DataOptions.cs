using System.CommandLine;
using Flywheel.Data.Sources;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Cli.Data;

/// <summary>The arguments the data subcommands share.</summary>
internal static class DataOptions
{
    public static Argument<string> Path() => new("path") { Description = "A CSV or Parquet file, a use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };

    public static Option<string?> Target() => new("--target", "-t") { Description = "The column to predict; default: data.target of the use case" };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of tables" };

    public static Option<string?> Output() => new("--output", "-o") { Description = "Also write a self-contained HTML report here (- for standard output, instead of the tables)" };

    /// <summary>
    /// The HTML report's target, checked before the data is read: not a directory, not the data file or the use-case
    /// file; <c>-</c> replaces the tables on standard output, so it cannot go with <c>--json</c>.
    /// </summary>
    public static OutputTarget? Target(string? output, string path, bool json, UseCaseOptions options)
    {
        if (output is null) return null;
        if (output == OutputTarget.StandardOutput && json)
            throw new InputException("--json and -o - both write to standard output; write the report to a file, or drop one of them");
        return CliOutput.Target(output, Inputs(path, options));
    }

    private static IEnumerable<string?> Inputs(string path, UseCaseOptions options)
    {
        yield return path;
        if (!Directory.Exists(path) && !path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) yield break;
        yield return UseCaseLoader.Locate(path);
        yield return SourceSpec.Resolve(path, options: options).FilePath;
    }
}

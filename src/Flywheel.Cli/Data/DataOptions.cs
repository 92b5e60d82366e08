using System.CommandLine;

namespace Flywheel.Cli.Data;

/// <summary>The arguments the data subcommands share.</summary>
internal static class DataOptions
{
    public static Argument<string> Path() => new("path") { Description = "A CSV or Parquet file, a use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };

    public static Option<string?> Target() => new("--target", "-t") { Description = "The column to predict; default: data.target of the use case" };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of tables" };

    public static Option<string?> Output() => new("--output", "-o") { Description = "Also write a self-contained HTML report here" };
}

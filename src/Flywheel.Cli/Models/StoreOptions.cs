using System.CommandLine;

namespace Flywheel.Cli.Models;

/// <summary>Options every models verb shares: which use case's store, which database, who acts.</summary>
internal static class StoreOptions
{
    public static Option<string?> Store() => new("--store")
    {
        Description = "Metadata store: sqlite:PATH or a PostgreSQL connection string (default: $FLYWHEEL_STORE, else <dir>/.flywheel/flywheel.db)",
    };

    public static Option<string> Directory() => new("--dir", "-d")
    {
        Description = "Use-case folder whose store holds the models (default: current folder)",
        DefaultValueFactory = _ => ".",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on stdout instead of tables" };

    public static Option<string?> Actor() => new("--actor")
    {
        Description = "Who makes the change, for the audit trail (default: $FLYWHEEL_ACTOR, else the login name)",
    };

    public static string ResolveActor(string? given) =>
        given ?? Environment.GetEnvironmentVariable("FLYWHEEL_ACTOR") ?? Environment.UserName;
}

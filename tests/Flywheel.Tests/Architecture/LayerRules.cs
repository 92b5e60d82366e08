namespace Flywheel.Tests.Architecture;

/// <summary>
/// The library's layers in dependency order, and the few dependencies on a later layer that are deliberate.
/// A layer may use the layers before it, Storage and the root namespace's shared types (<c>InputException</c>, …);
/// the top layer (<c>Flywheel.Catalogs</c> and <c>Flywheel.FlywheelContext</c>) may use everything.
/// </summary>
public static class LayerRules
{
    public const string Root = "Flywheel";

    /// <summary>
    /// The lifecycle stages, then Reports (reads every stage's results), then Workflows (spans stages, writes reports),
    /// then Operate (what the server runs: endpoints, capture, jobs, access).
    /// </summary>
    public static readonly IReadOnlyList<string> Stages =
        ["UseCases", "Tasks", "Value", "Data", "Training", "Evaluation", "Registry", "Serving", "Reports", "Workflows", "Operate"];

    /// <summary>Usable by everyone; uses no stage.</summary>
    public const string Storage = "Storage";

    /// <summary>The infrastructure every layer may use and that uses no stage: the stores, and the telemetry sources.</summary>
    public static readonly IReadOnlyList<string> Shared = [Storage, "Telemetry"];

    /// <summary>
    /// The front door for library users: may use every layer, and no layer may use it. Named as strings so the rule
    /// holds whether or not these exist yet; the prefix match also covers the context's own builder or options types
    /// (<c>Flywheel.FlywheelContextOptions</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> TopLayer = [$"{Root}.Catalogs", $"{Root}.FlywheelContext"];

    /// <summary>Namespaces of host frameworks that must never appear in the library.</summary>
    public static readonly IReadOnlyList<string> HostNamespaces = ["Spectre.Console", "System.CommandLine", "Microsoft.AspNetCore"];

    /// <summary>A deliberate use of a later layer: which type, which layer it reaches, and why that is right.</summary>
    public sealed record Exception(string Type, string Uses, string Reason);

    public static readonly IReadOnlyList<Exception> Exceptions =
    [
    ];

    public static string Namespace(string layer) => $"{Root}.{layer}";

    /// <summary>Everything <paramref name="stage"/> must not use: the stages after it and the top layer.</summary>
    public static IReadOnlyList<string> ForbiddenFor(string stage)
    {
        var index = Stages.ToList().IndexOf(stage);
        return [.. Stages.Skip(index + 1).Select(Namespace), .. TopLayer];
    }

    /// <summary>Whether a failing type (nested and compiler-generated types included) is covered by an exception for <paramref name="uses"/>.</summary>
    public static bool IsExcepted(string failingType, string uses) =>
        Exceptions.Any(exception => exception.Uses == uses
            && (failingType == exception.Type || failingType.StartsWith(exception.Type + "+", StringComparison.Ordinal)
                || failingType.StartsWith(exception.Type + "/", StringComparison.Ordinal)));
}


namespace Flywheel.Cli.Models;

/// <summary>
/// The one place the CLI turns its environment into store options for the library: <c>--store</c> else
/// FLYWHEEL_STORE, FLYWHEEL_ARTIFACTS for the artifact root, and the fault-injection hook FLYWHEEL_FAULT_KILL_AT.
/// </summary>
internal static class CliStore
{
    public const string StoreVariable = "FLYWHEEL_STORE";
    public const string ArtifactsVariable = "FLYWHEEL_ARTIFACTS";

    /// <summary>
    /// <c>FLYWHEEL_FAULT_KILL_AT=&lt;write point&gt;</c> kills this process at that point (tests of crash safety only):
    /// the first time it is reached, or the Nth with <c>point#N</c>. Each point reached is appended to
    /// FLYWHEEL_FAULT_TRACE when that names a file, so a test can list the points a command passes.
    /// </summary>
    public const string FaultVariable = "FLYWHEEL_FAULT_KILL_AT";
    public const string TraceVariable = "FLYWHEEL_FAULT_TRACE";

    public static Flywheel.Storage.StoreOptions Options(string? store) => new()
    {
        Store = string.IsNullOrWhiteSpace(store) ? Environment.GetEnvironmentVariable(StoreVariable) : store,
        ArtifactRoot = Environment.GetEnvironmentVariable(ArtifactsVariable),
        BeforeWrite = FaultHook(),
    };

    public static Action<string>? FaultHook()
    {
        var killAt = Environment.GetEnvironmentVariable(FaultVariable);
        var trace = Environment.GetEnvironmentVariable(TraceVariable);
        if (string.IsNullOrWhiteSpace(killAt) && string.IsNullOrWhiteSpace(trace)) return null;
        var parts = (killAt ?? "").Split('#');
        var occurrence = parts.Length > 1 && int.TryParse(parts[1], out var n) ? n : 1;
        var reached = 0;
        var gate = new object();
        return point =>
        {
            lock (gate)
            {
                if (!string.IsNullOrWhiteSpace(trace)) File.AppendAllText(trace, point + "\n");
                if (point != parts[0] || ++reached != occurrence) return;
            }
            // SIGKILL-like: no finally blocks, no flushing, exactly what a power cut or OOM kill does.
            Environment.FailFast($"fault injection: killed at {point}");
        };
    }
}

using System.Reflection;
using System.Text.Json;

namespace Flywheel.Registry;

/// <summary>Versions of what built the model; part of the package id, since another version may build another model.</summary>
public sealed record LibraryVersions(string MlNet, string Flywheel, string DotNet)
{
    public static LibraryVersions Current() => new(
        VersionOf(typeof(Microsoft.ML.MLContext).Assembly),
        VersionOf(typeof(LibraryVersions).Assembly),
        Environment.Version.ToString());

    private static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Drop the "+commit" suffix: a rebuild of the same version must not change package ids.
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}

/// <summary>The model file inside the package and its SHA-256.</summary>
public sealed record ModelFile(string File, string Sha256);

/// <summary>
/// <c>manifest.json</c>: everything needed to serve, monitor and audit the model. Deterministic by design (no
/// dates, no machine names) so that the package id is a function of what was trained. <see cref="InputDialect"/> is
/// the CSV dialect of the training file, which scoring applies to its input; packages written before it was
/// recorded have none and read RFC 4180 with commas (<see cref="Data.Sources.CsvDialect.Legacy"/>).
/// </summary>
public sealed record ModelManifest(
    int FormatVersion,
    string ModelName,
    string Task,
    string Trainer,
    ModelFile Model,
    IReadOnlyList<ModelFile> Attachments,
    IReadOnlyList<InputColumn> InputSchema,
    IReadOnlyList<string> LabelMapping,
    JsonElement? PreprocessingPlan,
    JsonElement? DecisionPolicy,
    JsonElement? Metrics,
    string TrainingDataFingerprint,
    JsonElement? BaselineStatistics,
    LibraryVersions Libraries,
    int Seed,
    Data.Sources.CsvDialect? InputDialect = null);

using System.Text.Json;
using Flywheel.Evaluation.Results;
using Flywheel.Registry;

namespace Flywheel.Workflows;

/// <summary>A package's training record and evaluations, read back from its manifest's <c>metrics</c>.</summary>
public sealed record StoredEvaluation(ModelPackage Package, TrainingRecord Record, EvaluationReport Test, EvaluationReport Validation)
{
    public string Id => Package.Id;

    /// <summary>The package's stored evaluation, read once per opened package (a kept package is read once per process).</summary>
    public static StoredEvaluation Load(ModelPackage package) => Read.GetValue(package, Parse);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ModelPackage, StoredEvaluation> Read = new();

    private static StoredEvaluation Parse(ModelPackage package)
    {
        var metrics = package.Manifest.Metrics
            ?? throw new InputException("the model package has no metrics; it was not written by 'flywheel train'", package.Path);
        PackagedMetrics? stored;
        try
        {
            stored = metrics.Deserialize<PackagedMetrics>(EvaluationJson.Options);
        }
        catch (JsonException error)
        {
            throw new InputException($"the model package's metrics cannot be read: {error.Message}", package.Path);
        }
        if (stored is null) throw new InputException("the model package's metrics are empty", package.Path);
        return new StoredEvaluation(package, stored.Training, stored.Test, stored.Validation);
    }

    public static StoredEvaluation Load(string packageDirectory) => Load(ModelPackage.Open(packageDirectory));

    /// <summary>
    /// The stored test evaluation of the model <paramref name="reference"/> names, and how to name that model
    /// (<c>telco-churn:3</c>). A registered version's package is opened kept (<see cref="ModelPackage.OpenKept"/>), so
    /// it is verified and read once per state of its files: a server's page then costs the registry lookup and a
    /// listing of the package folder, not hashing the package again.
    /// </summary>
    public static async Task<(EvaluationReport Test, string Name)> TestAsync(ModelCatalog catalog, ModelReference reference, CancellationToken cancellation = default)
    {
        if (reference.Kind == ModelReferenceKind.PackagePath)
        {
            var resolved = await catalog.ResolveAsync(reference, cancellation);
            return (Load(resolved.Package).Test, resolved.Name());
        }
        var version = await catalog.VersionAsync(reference, cancellation);
        return (Load(catalog.Open(version, kept: true)).Test, $"{version.ModelName}:{version.Version}");
    }
}

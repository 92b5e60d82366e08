using System.Text.Json;
using Flywheel.Evaluation.Results;
using Flywheel.Registry;

namespace Flywheel.Workflows;

/// <summary>A package's training record and evaluations, read back from its manifest's <c>metrics</c>.</summary>
public sealed record StoredEvaluation(ModelPackage Package, TrainingRecord Record, EvaluationReport Test, EvaluationReport Validation)
{
    public string Id => Package.Id;

    public static StoredEvaluation Load(ModelPackage package)
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
}

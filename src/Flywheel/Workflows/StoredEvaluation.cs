using System.Text.Json;
using Flywheel.Evaluation.Results;

namespace Flywheel.Workflows;

/// <summary>A package's training record and evaluations, read back from its JSON files.</summary>
public sealed record StoredEvaluation(string Id, string Directory, TrainingRecord Record, EvaluationReport Test, EvaluationReport Validation)
{
    public static StoredEvaluation Load(string packageDirectory) => new(
        Path.GetFileName(Path.TrimEndingDirectorySeparator(packageDirectory)),
        packageDirectory,
        Read<TrainingRecord>(packageDirectory, TrainingRecord.FileName),
        Read<EvaluationReport>(packageDirectory, ModelPackageWriter.TestEvaluationFile),
        Read<EvaluationReport>(packageDirectory, ModelPackageWriter.ValidationEvaluationFile));

    private static T Read<T>(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path)) throw new InputException($"the model package lacks {name}", directory);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), EvaluationJson.Options) ?? throw new InputException("the file is empty", path);
        }
        catch (JsonException error)
        {
            throw new InputException($"cannot read it: {error.Message}", path, (int?)(error.LineNumber + 1));
        }
    }
}

using System.Security.Cryptography;
using Flywheel.Evaluation.Results;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.UseCases;
using Microsoft.ML;

namespace Flywheel.Workflows;

/// <summary>A written package: its content id and folder.</summary>
public sealed record PackageLocation(string Id, string Directory);

/// <summary>
/// Writes a model package: the ML.NET chain (preprocessing + model) with its raw input schema, the serving
/// description, the training record and the evaluations. The folder is assembled aside and moved into place
/// whole, and named by the SHA-256 of its contents.
/// </summary>
public static class ModelPackageWriter
{
    public const string TestEvaluationFile = "evaluation.json";
    public const string ValidationEvaluationFile = "validation.json";

    public static PackageLocation Write(UseCase useCase, MLContext ml, ITransformer chain, DataViewSchema inputSchema, ServingSpec spec,
        TrainingRecord record, EvaluationReport test, EvaluationReport validation)
    {
        var root = PackagesRoot(useCase);
        Directory.CreateDirectory(root);
        var staging = Path.Combine(root, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            AtomicFile.Write(Path.Combine(staging, ServingSpec.ModelFileName), stream => ml.Model.Save(chain, inputSchema, stream));
            AtomicFile.WriteAllText(Path.Combine(staging, ServingSpec.FileName), spec.ToJson());
            AtomicFile.WriteAllText(Path.Combine(staging, TrainingRecord.FileName), EvaluationJson.Serialize(record));
            AtomicFile.WriteAllText(Path.Combine(staging, TestEvaluationFile), EvaluationJson.Serialize(test));
            AtomicFile.WriteAllText(Path.Combine(staging, ValidationEvaluationFile), EvaluationJson.Serialize(validation));
            var id = ContentId(staging);
            var final = Path.Combine(root, id);
            if (Directory.Exists(final)) Directory.Delete(staging, recursive: true);
            else Directory.Move(staging, final);
            return new PackageLocation(id, final);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    public static string PackagesRoot(UseCase useCase) => Path.Combine(useCase.Directory, ".flywheel", "packages");

    /// <summary>SHA-256 over file names and contents in ordinal order; the first 16 hex digits name the package.</summary>
    public static string ContentId(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}

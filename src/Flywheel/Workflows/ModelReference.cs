using Flywheel.Serving;
using Flywheel.UseCases;

namespace Flywheel.Workflows;

/// <summary>
/// Finds a model package from what a user types: a package folder (holding model.zip), or a use-case folder or
/// its flywheel.yaml (its newest package).
/// </summary>
public static class ModelReference
{
    public static string Resolve(string reference)
    {
        if (Directory.Exists(reference) && File.Exists(Path.Combine(reference, ServingSpec.ModelFileName)))
            return Path.GetFullPath(reference);
        if (Directory.Exists(reference) || File.Exists(reference))
            return Newest(UseCaseLoader.Load(reference));
        throw new InputException("no such model: give a model package folder, or a use-case folder whose newest model to use", reference);
    }

    public static string Newest(UseCase useCase)
    {
        var root = ModelPackageWriter.PackagesRoot(useCase);
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Where(directory => !Path.GetFileName(directory).StartsWith('.') && File.Exists(Path.Combine(directory, TrainingRecord.FileName)))
                .OrderByDescending(directory => File.GetLastWriteTimeUtc(Path.Combine(directory, TrainingRecord.FileName)))
                .ThenBy(directory => directory, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InputException($"the use case '{useCase.Name}' has no trained model yet; run 'flywheel train {useCase.Directory}'", useCase.FilePath);
    }
}

using Flywheel.Registry;

namespace Flywheel.Workflows;

/// <summary>
/// Finds the package a user means: a package folder, a use-case folder (its newest version), <c>name@alias</c>,
/// <c>name:version</c> or a bare name, resolved in the store of the use case (or of the current folder).
/// </summary>
public static class ModelLocator
{
    public static async Task<ResolvedModel> ResolveAsync(string reference, string? useCaseDirectory = null, Storage.StoreOptions? storeSpec = null, CancellationToken cancellation = default)
    {
        var (catalog, parsed) = ModelCatalog.ForReference(reference, useCaseDirectory ?? Directory.GetCurrentDirectory(), storeSpec);
        return await catalog.ResolveAsync(parsed, cancellation);
    }

    public static ModelPackage Resolve(string reference, string? useCaseDirectory = null, Storage.StoreOptions? storeSpec = null) =>
        ResolveAsync(reference, useCaseDirectory, storeSpec).GetAwaiter().GetResult().Package;

    /// <summary>How to name a resolved model to people: <c>churn:3</c>, or the package id when it is not registered.</summary>
    public static string Name(this ResolvedModel model) =>
        model.Version is { } version ? $"{version.ModelName}:{version.Version}" : model.Package.Id;
}

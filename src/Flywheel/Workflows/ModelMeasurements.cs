using Flywheel.Evaluation;
using Flywheel.Evaluation.Results;
using Flywheel.Registry;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Workflows;

/// <summary>
/// The measured figures the value model is priced with: the <c>decision.*</c> and <c>model.*</c> variables of a model's
/// stored test evaluation. By default the model the use case names — <c>&lt;use case&gt;@candidate</c> in its store,
/// which <c>flywheel train</c> points at its newest model.
/// </summary>
public static class ModelMeasurements
{
    /// <summary>The figures of a test evaluation, labelled with the model they come from (<c>telco-churn:3</c>).</summary>
    public static MeasuredVariables Of(string model, EvaluationReport test) => MeasuredVariables.From(model, "test", ValueVariables.From(test));

    /// <summary>
    /// The figures of the model <paramref name="reference"/> names (name@alias, name:version or a package folder), or
    /// without one of the use case's <c>@candidate</c>. Null when no reference is given and no model of the use case has
    /// been registered yet; an unknown reference is an <see cref="InputException"/>.
    /// </summary>
    public static async Task<MeasuredVariables?> FindAsync(UseCase useCase, string? reference = null, StoreOptions? storeSpec = null, CancellationToken cancellation = default)
    {
        if (reference is null)
        {
            if (!StoreExists(useCase, storeSpec)) return null;
            var store = MetadataStore.ForUseCase(useCase.Directory, storeSpec);
            if ((await store.Models.ListVersionsAsync(useCase.Name, cancellation)).Count == 0) return null;
            return Of(await StoredEvaluation.TestAsync(new ModelCatalog(store), ModelReference.Parse($"{useCase.Name}@{ModelPublisher.CandidateAlias}"), cancellation));
        }
        var parsed = ModelReference.Parse(reference, "--model");
        if (parsed.Kind != ModelReferenceKind.PackagePath && !StoreExists(useCase, storeSpec))
            throw new NotFoundException($"unknown model '{reference}': no model has been trained for use case '{useCase.Name}' yet (run 'flywheel train')", "--model");
        var (catalog, named) = ModelCatalog.ForReference(reference, useCase.Directory, storeSpec);
        return Of(await StoredEvaluation.TestAsync(catalog, named, cancellation));
    }

    private static MeasuredVariables Of((EvaluationReport Test, string Name) measured) => Of(measured.Name, measured.Test);

    /// <summary>Looking must not create a store: a use case never trained has none.</summary>
    internal static bool StoreExists(UseCase useCase, StoreOptions? storeSpec) =>
        !string.IsNullOrWhiteSpace(storeSpec?.Store)
        || File.Exists(Path.Combine(useCase.Directory, StoreConnection.StoreFolderName, StoreConnection.SqliteFileName));
}

using Flywheel.Registry;
using Flywheel.Storage;
using Flywheel.Workflows;

namespace Flywheel.Operate.Listings;

/// <summary>A version as the model page shows it: the API's version detail and, for a package training wrote, its training record and evaluations.</summary>
public sealed record VersionEvaluation(VersionDetail Detail, StoredEvaluation? Stored, string? Notice);

/// <summary>
/// The registry's versions with what their packages already hold (leaderboard, learning curve, test and validation
/// reports with their decisions): read back, never recomputed. A package from elsewhere comes with a notice instead.
/// </summary>
public sealed class ModelEvaluations(MetadataStore store)
{
    public async Task<VersionEvaluation> GetAsync(string name, int version, CancellationToken cancellation = default)
    {
        var detail = await new ModelListings(store).GetVersionAsync(name, version, cancellation);
        try
        {
            return new VersionEvaluation(detail, StoredEvaluation.Load(ModelPackage.OpenKept(store.Artifacts.Get(detail.PackageId).Path)), null);
        }
        catch (InputException error)
        {
            return new VersionEvaluation(detail, null, error.Message);
        }
    }
}

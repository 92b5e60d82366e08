using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Operate.Listings;

/// <summary>Which stages of the lifecycle a use case has reached: the sections its file declares and whether a model is registered.</summary>
public sealed record UseCaseStages(bool Value, bool Data, bool Training, bool Decision, bool Plan, bool Model);

/// <summary>
/// A served use case: its name, folder, statement and owner, its stages, and the model registered under its name
/// (versions and aliases). A file that no longer loads is listed with its error rather than hidden.
/// </summary>
public sealed record UseCaseListing(string Name, string Folder, string? Statement, string? Owner, UseCaseStages? Stages,
    int ModelVersions, IReadOnlyDictionary<string, int> Aliases, string? Error);

/// <summary>The use cases a server was started with, read from their files on each call (an edit shows at once).</summary>
public sealed class UseCaseListings(IReadOnlyList<string> folders, UseCaseOptions options, MetadataStore store)
{
    public async Task<IReadOnlyList<UseCaseListing>> ListAsync(CancellationToken cancellationToken = default)
    {
        var listings = new List<UseCaseListing>();
        foreach (var folder in folders) listings.Add(await DescribeAsync(Path.GetFullPath(folder), cancellationToken));
        return listings;
    }

    public async Task<UseCaseListing> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var all = await ListAsync(cancellationToken);
        return all.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal))
            ?? throw new NotFoundException($"this server serves no use case '{name}'; it serves: {string.Join(", ", all.Select(u => u.Name))}", "use case");
    }

    private async Task<UseCaseListing> DescribeAsync(string folder, CancellationToken cancellationToken)
    {
        UseCase useCase;
        try
        {
            useCase = UseCaseLoader.Load(folder, options);
        }
        catch (InputException error)
        {
            return new UseCaseListing(Path.GetFileName(folder), folder, null, null, null, 0, new Dictionary<string, int>(), error.Describe());
        }
        var versions = IsModelName(useCase.Name) ? await store.Models.ListVersionsAsync(useCase.Name, cancellationToken) : [];
        var aliases = versions.Count == 0 ? new Dictionary<string, int>()
            : (await store.Models.ListAliasesAsync(useCase.Name, cancellationToken)).ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal);
        var stages = new UseCaseStages(useCase.Value is not null, useCase.Data is not null, useCase.Training is not null,
            useCase.Decision is not null, useCase.Plan is not null, versions.Count > 0);
        return new UseCaseListing(useCase.Name, folder, useCase.Statement, useCase.Owner, stages, versions.Count, aliases, null);
    }

    private static bool IsModelName(string name)
    {
        try
        {
            RegistryNames.CheckModelName(name);
            return true;
        }
        catch (InputException)
        {
            return false;
        }
    }
}

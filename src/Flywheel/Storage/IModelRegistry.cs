namespace Flywheel.Storage;

/// <summary>
/// Model versions and aliases. Aliases change only through <see cref="SetAliasAsync"/> and
/// <see cref="RemoveAliasAsync"/>, and every change leaves an <see cref="AliasEvent"/>: nothing is lost on a move.
/// Unknown models, versions or aliases are <see cref="NotFoundException"/>s; malformed names are <see cref="InputException"/>s.
/// </summary>
public interface IModelRegistry
{
    /// <summary>
    /// Registers a package as the next version of its model. Registering a package id that is already a version of
    /// that model returns the existing version: the same training twice is one version.
    /// </summary>
    Task<ModelVersion> RegisterVersionAsync(NewModelVersion version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers the package (or finds it registered), points <paramref name="alias"/> at it and, when given, ends
    /// <paramref name="finishRun"/> as finished: all in one transaction, so a crash leaves all of it or none.
    /// </summary>
    Task<PublishedVersion> PublishAsync(NewModelVersion version, string alias, Guid? finishRun, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListModelNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Versions of a model, oldest first; empty for a name never registered.</summary>
    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken = default);

    /// <summary>The version, or an <see cref="InputException"/> naming the versions that exist.</summary>
    Task<ModelVersion> GetVersionAsync(string modelName, int version, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string modelName, CancellationToken cancellationToken = default);

    /// <summary>The version an alias points at, or an <see cref="InputException"/> naming the aliases that exist.</summary>
    Task<ModelVersion> ResolveAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default);

    /// <summary>Points an alias at a version (assign or move). Returns null when it already pointed there: nothing changed.</summary>
    Task<AliasEvent?> SetAliasAsync(string modelName, string alias, int version, string actor, CancellationToken cancellationToken = default);

    Task<AliasEvent> RemoveAliasAsync(string modelName, string alias, string actor, CancellationToken cancellationToken = default);

    /// <summary>Every alias change of a model, oldest first.</summary>
    Task<IReadOnlyList<AliasEvent>> AliasHistoryAsync(string modelName, CancellationToken cancellationToken = default);
}

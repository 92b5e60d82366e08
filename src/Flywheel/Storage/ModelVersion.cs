namespace Flywheel.Storage;

/// <summary>A model package registered under a model name; versions count 1, 2, 3… per name.</summary>
public sealed record ModelVersion(
    string ModelName,
    int Version,
    string PackageId,
    string PackagePath,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    Guid? RunId)
{
    public string Reference => $"{ModelName}:{Version}";
}

/// <summary>
/// What to register: the package (its content id, and its path relative to the artifact root — never an absolute
/// path, so the store can be moved) and who registers it.
/// </summary>
public sealed record NewModelVersion(string ModelName, string PackageId, string PackagePath, string Actor, Guid? RunId = null);

/// <summary>An alias currently pointing at a version (<c>churn@production</c> → 3).</summary>
public sealed record ModelAlias(string ModelName, string Alias, int Version);

public enum AliasTransition
{
    /// <summary>The alias did not exist and now points at a version.</summary>
    Assigned,

    /// <summary>The alias pointed at one version and now points at another.</summary>
    Moved,

    /// <summary>The alias pointed at a version and was removed.</summary>
    Removed,
}

/// <summary>One audited alias change: who moved which alias from which version to which, and when.</summary>
public sealed record AliasEvent(
    string ModelName,
    string Alias,
    AliasTransition Transition,
    int? FromVersion,
    int? ToVersion,
    string Actor,
    DateTimeOffset At);

/// <summary>
/// One entry of the append-only audit trail (<c>audit_events</c>), written in the same transaction as the change it
/// records: <c>model.register</c>, <c>alias.set</c>, <c>alias.move</c>, <c>alias.remove</c>, <c>run.start</c>, <c>run.end</c>.
/// </summary>
public sealed record AuditEvent(string Actor, string Action, string Subject, DateTimeOffset At, string DetailsJson)
{
    /// <summary>The entry's position in the trail (ascending in write order): the cursor of <see cref="AuditQuery.Before"/>.</summary>
    public long Id { get; init; }
}

/// <summary>What one publish transaction committed: the version, the alias change (null if it already pointed there), the finished run.</summary>
public sealed record PublishedVersion(ModelVersion Version, AliasEvent? AliasChange, ExperimentRun? Run);

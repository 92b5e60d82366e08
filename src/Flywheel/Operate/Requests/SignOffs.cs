using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Operate.Requests;

/// <summary>Where a sign-off stands.</summary>
public static class SignOffStates
{
    /// <summary>Every required role approved exactly what is in the file now.</summary>
    public const string Agreed = "agreed";
    /// <summary>An earlier version was approved; what is in the file now was not.</summary>
    public const string Changed = "changed since agreed";
    /// <summary>Approval was asked for and not every required role has decided.</summary>
    public const string Awaiting = "awaiting sign-off";
    /// <summary>A required role rejected what is in the file now.</summary>
    public const string Rejected = "rejected";
    /// <summary>Nobody has been asked yet.</summary>
    public const string Draft = "draft";
}

/// <summary>One required role's part in a sign-off: its latest decision on the subject, or the request still open.</summary>
public sealed record SignOffRole(TeamRole Role, TeamRequest? Decision, TeamRequest? Open)
{
    public bool Approved => Decision?.Status == RequestStatuses.Approved;
}

/// <summary>A sign-off of one subject by the roles the use case requires (<c>approvals:</c>), and its state.</summary>
public sealed record SignOff(string Subject, string State, IReadOnlyList<SignOffRole> Roles, TeamRequest? EarlierApproval)
{
    public IReadOnlyList<TeamRole> Missing => Roles.Where(r => !r.Approved).Select(r => r.Role).ToList();
}

/// <summary>
/// The approval gates: the value is <see cref="SignOffStates.Agreed"/> only when each role of <c>approvals.value</c>
/// (default: the Product Manager) approved the value as it is now (the subject carries its <see cref="ValueFingerprint"/>),
/// and a version may become <c>@production</c> only when each role of <c>approvals.promotion</c> approved
/// <c>model:{name}/{version}</c>. Approvals are the team's requests (<see cref="TeamRequests"/>), decided by people holding
/// the role.
/// </summary>
public sealed class SignOffs(MetadataStore store)
{
    public static IReadOnlyList<TeamRole> DefaultValueRoles { get; } = [TeamRoles.ProductManager];

    public static string ValueSubjectPrefix(UseCase useCase) => $"value:{useCase.Name}@";

    /// <summary><c>value:{use case}@{first 16 hex digits of the value's fingerprint}</c>: what an approval of the value signs.</summary>
    public static string ValueSubject(UseCase useCase) =>
        ValueSubjectPrefix(useCase) + ValueFingerprint.Of(useCase.Value ?? throw new InputException("the use case has no 'value' section to sign off", useCase.FilePath))[..16];

    public static string ModelSubject(string model, int version) => $"model:{model}/{version}";

    /// <summary>The roles that sign off the value, each checked against the team roles at its place in the file.</summary>
    public static IReadOnlyList<TeamRole> ValueRoles(UseCase useCase) =>
        useCase.Approvals is { Value.Count: > 0 } approvals ? Parse(approvals.Value) : DefaultValueRoles;

    public static IReadOnlyList<TeamRole> PromotionRoles(UseCase useCase) =>
        useCase.Approvals is { } approvals ? Parse(approvals.Promotion) : [];

    public async Task<SignOff> ValueAsync(UseCase useCase, CancellationToken cancellation = default)
    {
        var subject = ValueSubject(useCase);
        var all = await new TeamRequests(store).ApprovalsUnderAsync(ValueSubjectPrefix(useCase), cancellation);
        var roles = Judge(ValueRoles(useCase), all.Where(r => r.Subject == subject).ToList());
        var earlier = all.LastOrDefault(r => r.Subject != subject && r.Status == RequestStatuses.Approved);
        return new SignOff(subject, State(roles, earlier), roles, earlier);
    }

    public async Task<SignOff> PromotionAsync(UseCase useCase, int version, CancellationToken cancellation = default)
    {
        var subject = ModelSubject(useCase.Name, version);
        var requests = await new TeamRequests(store).ApprovalsUnderAsync(subject, cancellation);
        var roles = Judge(PromotionRoles(useCase), requests.Where(r => r.Subject == subject).ToList());
        return new SignOff(subject, State(roles, null), roles, null);
    }

    /// <summary>Refuses a promotion the use case's <c>approvals.promotion</c> roles have not all approved, naming who is missing.</summary>
    public async Task RequirePromotionAsync(UseCase useCase, int version, CancellationToken cancellation = default)
    {
        var signOff = await PromotionAsync(useCase, version, cancellation);
        if (signOff.Missing.Count == 0) return;
        throw new ConflictException(
            $"promoting {useCase.Name}:{version} needs the sign-off of {string.Join(", ", signOff.Missing.Select(r => r.English))} " +
            $"(approvals.promotion in {Path.GetFileName(useCase.FilePath)}): ask them for approval of '{signOff.Subject}' in Requests and sign-offs", "approvals");
    }

    private static List<SignOffRole> Judge(IReadOnlyList<TeamRole> required, IReadOnlyList<TeamRequest> requests) =>
        required.Select(role =>
        {
            var mine = requests.Where(r => r.Role == role.Id).ToList();
            return new SignOffRole(role, mine.LastOrDefault(r => !r.IsOpen), mine.LastOrDefault(r => r.IsOpen));
        }).ToList();

    private static string State(IReadOnlyList<SignOffRole> roles, TeamRequest? earlier)
    {
        if (roles.All(r => r.Approved)) return SignOffStates.Agreed;
        if (roles.Any(r => r.Decision?.Status == RequestStatuses.Rejected)) return SignOffStates.Rejected;
        if (earlier is not null) return SignOffStates.Changed;
        return roles.Any(r => r.Open is not null || r.Approved) ? SignOffStates.Awaiting : SignOffStates.Draft;
    }

    private static IReadOnlyList<TeamRole> Parse(IReadOnlyList<Positioned<string>> written)
    {
        var roles = new List<TeamRole>();
        foreach (var role in written)
        {
            var found = TeamRoles.Find(role.Value)
                ?? throw role.Position.Error($"'{role.Value}' is not a team role; the roles are {string.Join(", ", TeamRoles.All.Select(r => r.Id))}");
            if (roles.Contains(found)) throw role.Position.Error($"'approvals' names the {found.English} twice");
            roles.Add(found);
        }
        return roles;
    }
}

namespace Flywheel.Operate.Access;

/// <summary>
/// The server's roles, and which of them may do what. A key has one role; an action names the <see cref="Permission"/>
/// it needs, and <see cref="Allows"/> is the one table that decides (the route × role test reads it too).
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Invoker = "invoker";
    public const string Scientist = "scientist";
    public const string Reviewer = "reviewer";
    public const string Approver = "approver";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Invoker, Scientist, Reviewer, Approver, Admin];

    private static readonly Dictionary<Permission, string[]> Granted = new()
    {
        // Reading the registry, deployments, jobs, audit of models: everyone but an application's invoke-only key.
        [Permission.Read] = [Viewer, Scientist, Reviewer, Approver, Admin],
        // Inference, feedback and ground truth: applications, and the people who test them.
        [Permission.Invoke] = [Invoker, Scientist, Approver, Admin],
        // Train, register, deploy to staging, submit jobs, change an endpoint's traffic below production.
        [Permission.Deploy] = [Scientist, Admin],
        // Move @production, sign off.
        [Permission.Promote] = [Approver, Admin],
        // The human review queue.
        [Permission.Review] = [Reviewer, Admin],
        // Keys, settings, the whole audit log.
        [Permission.Administer] = [Admin],
    };

    public static bool IsRole(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    public static bool Allows(string role, Permission permission) => Granted[permission].Contains(role, StringComparer.Ordinal);

    public static IReadOnlyList<string> WithPermission(Permission permission) => Granted[permission];

    /// <summary>A role named by a user; an unknown one fails naming the roles there are.</summary>
    public static string Parse(string? role, string field = "role") =>
        IsRole(role) ? role! : throw new InputException($"'{role}' is not a role; the roles are {string.Join(", ", All)}", field);
}

/// <summary>What an action needs; each route declares one.</summary>
public enum Permission
{
    Read,
    Invoke,
    Deploy,
    Promote,
    Review,
    Administer,
}

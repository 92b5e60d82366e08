using System.Security.Claims;
using Flywheel.Operate.Access;

namespace Flywheel.Server.Workspace.Operate;

/// <summary>What the signed-in role may do, by the same table the API enforces (<see cref="Roles.Allows"/>), so a page shows only the actions that would succeed.</summary>
public static class OperateUser
{
    public static bool May(this ClaimsPrincipal user, Permission permission) =>
        user.FindFirstValue(ClaimTypes.Role) is { } role && Roles.Allows(role, permission);
}

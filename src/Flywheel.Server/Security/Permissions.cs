using Flywheel.Operate.Access;
using Microsoft.AspNetCore.Authorization;

namespace Flywheel.Server.Security;

/// <summary>One authorization policy per <see cref="Permission"/>, built from <see cref="Roles"/>' table; routes name the permission they need.</summary>
public static class Permissions
{
    public static string Policy(Permission permission) => $"flywheel:{permission}";

    public static AuthorizationBuilder AddFlywheelPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            builder.AddPolicy(Policy(permission), policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireRole(Roles.WithPermission(permission)));
        // A route that forgets to declare its permission is still closed to anonymous callers.
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>Requires <paramref name="permission"/> on a route or group.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(permission));
}

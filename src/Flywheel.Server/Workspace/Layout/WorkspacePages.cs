using Flywheel.Operate.Access;

namespace Flywheel.Server.Workspace.Layout;

/// <summary>A page of the workspace: its title (a resource key), the permission it needs, and its address.</summary>
public sealed record WorkspacePage(string Title, Permission Needs, string Href);

/// <summary>The workspace's pages in the order; the navigation lists those the signed-in role may open.</summary>
public static class WorkspacePages
{
    public static readonly IReadOnlyList<WorkspacePage> All =
    [
        new("PageUseCases", Permission.Read, "/"),
        new("PageValue", Permission.Read, "/value"),
        new("PageCanvas", Permission.Read, "/canvas"),
        new("PagePlan", Permission.Read, "/plan"),
        new("PageData", Permission.Read, "/data"),
        new("PageModels", Permission.Read, "/models"),
        new("PageDecisions", Permission.Read, "/decisions"),
        new("PageDeployments", Permission.Read, "/deployments"),
        new("PageMonitoring", Permission.Read, "/monitoring"),
        new("PageReview", Permission.Review, "/review"),
        new("PageGrowth", Permission.Read, "/growth"),
        new("PageRequests", Permission.Read, "/requests"),
        new("PageAdmin", Permission.Administer, "/admin"),
    ];
}

using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Operate.Listings;

/// <summary>
/// Editing the business model canvas from the workspace (page and API alike). The canvas is the product side's: a
/// server role with Deploy (scientists, admins), a Product Manager or Business Analyst, or a person holding the use
/// case's owner team role may change it. The change is written by <see cref="CanvasEditing.SetCanvas"/> and audited as
/// <c>use-case.canvas.set</c> on <c>use-case:{name}</c> with the blocks and conditions it changed.
/// </summary>
public sealed class CanvasEdits(MetadataStore store)
{
    public const string AuditAction = "use-case.canvas.set";

    /// <summary>The team roles that write the canvas besides the use case's owner.</summary>
    public static IReadOnlyList<TeamRole> Authors { get; } = [TeamRoles.ProductManager, TeamRoles.BusinessAnalyst];

    public async Task<bool> MayEditAsync(string actor, string? serverRole, UseCase useCase, CancellationToken cancellation = default)
    {
        if (serverRole is not null && Roles.Allows(serverRole, Permission.Deploy)) return true;
        var held = await new TeamRequests(store).RolesOfAsync(actor, cancellation);
        return Authors.Any(role => held.Contains(role.Id)) || (TeamRoles.Find(useCase.Owner) is { } owner && held.Contains(owner.Id));
    }

    public static string Refusal(UseCase useCase) =>
        $"changing the canvas needs the {Permission.Deploy} permission (roles {string.Join(", ", Roles.WithPermission(Permission.Deploy))}), "
        + $"the team role {string.Join(" or ", Authors.Select(r => r.Id))}, or the use case's owner ({useCase.Owner ?? "none"})";

    /// <summary>Writes the canvas (the caller has checked <see cref="MayEditAsync"/>) and audits what changed; a stale fingerprint is a conflict.</summary>
    public async Task<UseCase> SetAsync(UseCase useCase, CanvasContent content, string? fingerprint, string actor, CancellationToken cancellation = default)
    {
        var saved = CanvasEditing.SetCanvas(useCase.FilePath, fingerprint, content, new UseCaseOptions(useCase.DataRoots));
        var changed = Changed(useCase.Canvas, saved.Canvas);
        if (changed.Count > 0)
            await store.AuditAsync(actor, AuditAction, $"use-case:{useCase.Name}", new { changed, file = Path.GetFileName(useCase.FilePath) }, cancellation);
        return saved;
    }

    /// <summary>The block and condition keys whose text differs between two canvases, in the canvas's order.</summary>
    public static IReadOnlyList<string> Changed(CanvasSection? before, CanvasSection? after)
    {
        var blocks = CanvasKeys.Blocks.Where(key => !(before?.Block(key) ?? []).SequenceEqual(after?.Block(key) ?? []));
        var conditions = CanvasKeys.Conditions.Where(key =>
            before?.Condition(key) is var a && after?.Condition(key) is var b && (a?.Statement != b?.Statement || a?.Metric?.Value != b?.Metric?.Value));
        return blocks.Concat(conditions).ToList();
    }
}

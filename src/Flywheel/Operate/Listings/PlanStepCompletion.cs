using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Value.Plans;

namespace Flywheel.Operate.Listings;

/// <summary>What a person may do with a plan step: from their server role (Deploy, Promote) and whether they hold the step's owner team role.</summary>
public sealed record PlanStepPowers(bool MayDeploy, bool MayPromote, bool HoldsOwnerRole);

/// <summary>
/// The rule's answer: <see cref="Refusal"/> null when the person may mark the step (then <see cref="Override"/> says
/// whether it is an approver's override of an unmet criterion, with its <see cref="Reason"/>).
/// </summary>
public sealed record PlanStepDecision(string? Refusal, bool Override, string? Reason)
{
    public bool Allowed => Refusal is null;
}

/// <summary>A step marked done or undone: the step as priced (criterion and verdict), its new done state, the use case as saved.</summary>
public sealed record PlanStepMark(string Step, bool? CriterionMet, PlanStepDone? Done, UseCase UseCase);

/// <summary>
/// Marking a plan step done (page and API alike). When the step's go/no-go criterion is met (PlanWorkflow's
/// evaluation), a person with Deploy (scientists, admins), an approver, or a person holding the step's owner team role
/// may mark it; when it is not met or cannot be judged yet, only an approver (Promote), and only as an override with a
/// reason. Undo is open to the same people. Written to the step's <c>done</c> entry by <see cref="CanvasEditing"/> and
/// audited on <c>use-case:{name}</c>.
/// </summary>
public sealed class PlanStepCompletion(MetadataStore store)
{
    public const string DoneAction = "use-case.plan-step.done";
    public const string UndoneAction = "use-case.plan-step.undone";

    /// <summary>The rule itself: who may mark a step whose criterion is <paramref name="criterionMet"/> (null: cannot be judged).</summary>
    public static PlanStepDecision Decide(bool? criterionMet, PlanStepPowers powers, bool asOverride, string? reason)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (text is { Length: > PlanStepDone.MaxReasonLength })
            throw new InputException($"the reason is {text.Length} characters long; at most {PlanStepDone.MaxReasonLength}", "reason");
        if (criterionMet == true)
        {
            return powers.MayDeploy || powers.MayPromote || powers.HoldsOwnerRole
                ? new PlanStepDecision(null, false, text)
                : new PlanStepDecision($"marking the step done needs the {Permission.Deploy} permission (roles {string.Join(", ", Roles.WithPermission(Permission.Deploy))}), an approver, or the step's owner team role", false, text);
        }
        if (!powers.MayPromote)
            return new PlanStepDecision($"the step's criterion is {(criterionMet == false ? "not met" : "not judged yet")}: only an approver (roles {string.Join(", ", Roles.WithPermission(Permission.Promote))}) may mark it done, as an override with a reason", true, text);
        if (!asOverride)
            throw new InputException($"the step's criterion is {(criterionMet == false ? "not met" : "not judged yet")}; mark it done as an override (\"override\": true) with a reason", "override");
        if (text is null) throw new InputException("an override of the step's criterion needs a reason", "reason");
        return new PlanStepDecision(null, true, text);
    }

    /// <summary>Undo is open to whoever could mark the step now.</summary>
    public static PlanStepDecision DecideUndo(bool? criterionMet, PlanStepPowers powers)
    {
        var may = criterionMet == true ? powers.MayDeploy || powers.MayPromote || powers.HoldsOwnerRole : powers.MayPromote;
        return may ? new PlanStepDecision(null, false, null)
            : new PlanStepDecision(criterionMet == true ? "undoing needs the Deploy permission, an approver, or the step's owner team role"
                : "the step's criterion is not met: only an approver may undo its completion", false, null);
    }

    public async Task<PlanStepPowers> PowersAsync(string actor, string? serverRole, PlanStepSpec step, CancellationToken cancellation = default)
    {
        var deploy = serverRole is not null && Roles.Allows(serverRole, Permission.Deploy);
        var promote = serverRole is not null && Roles.Allows(serverRole, Permission.Promote);
        var owner = TeamRoles.Find(step.Owner) is { } role && (await new TeamRequests(store).RolesOfAsync(actor, cancellation)).Contains(role.Id);
        return new PlanStepPowers(deploy, promote, owner);
    }

    /// <summary>The step of the priced plan, or a not-found naming it.</summary>
    public static PlanStepResult Step(PlanResult plan, string step) =>
        plan.Steps.FirstOrDefault(s => s.Step.Name == step) ?? throw new NotFoundException($"the plan of '{plan.UseCase.Name}' has no step '{step}'", "step");

    /// <summary>Marks the step done when <see cref="Decide"/> allows it (else the refusal, nothing written); a stale fingerprint is a conflict.</summary>
    public async Task<(PlanStepDecision Decision, PlanStepMark? Mark)> CompleteAsync(UseCase useCase, PlanStepResult step, bool asOverride, string? reason,
        string? fingerprint, string actor, string? serverRole, DateTimeOffset at, CancellationToken cancellation = default)
    {
        var decision = Decide(step.Go, await PowersAsync(actor, serverRole, step.Step, cancellation), asOverride, reason);
        if (!decision.Allowed) return (decision, null);
        var done = new PlanStepDone(at, actor, decision.Override, decision.Reason, step.Step.Position);
        var saved = CanvasEditing.SetStepDone(useCase.FilePath, fingerprint, step.Step.Name, done, new UseCaseOptions(useCase.DataRoots));
        await store.AuditAsync(actor, DoneAction, $"use-case:{useCase.Name}", new
        {
            step = step.Step.Name, criterion = step.Criterion, criterionMet = step.Go, verdict = step.Verdict,
            @override = decision.Override, reason = decision.Reason, file = Path.GetFileName(useCase.FilePath),
        }, cancellation);
        return (decision, new PlanStepMark(step.Step.Name, step.Go, Done(saved, step.Step.Name), saved));
    }

    /// <summary>Removes the step's done entry when <see cref="DecideUndo"/> allows it.</summary>
    public async Task<(PlanStepDecision Decision, PlanStepMark? Mark)> UndoAsync(UseCase useCase, PlanStepResult step, string? fingerprint, string actor, string? serverRole,
        CancellationToken cancellation = default)
    {
        var decision = DecideUndo(step.Go, await PowersAsync(actor, serverRole, step.Step, cancellation));
        if (!decision.Allowed) return (decision, null);
        var before = step.Step.Done;
        var saved = CanvasEditing.SetStepDone(useCase.FilePath, fingerprint, step.Step.Name, null, new UseCaseOptions(useCase.DataRoots));
        await store.AuditAsync(actor, UndoneAction, $"use-case:{useCase.Name}", new
        {
            step = step.Step.Name, criterionMet = step.Go, wasDoneBy = before?.By, wasDoneAt = before?.At, wasOverride = before?.Override,
            file = Path.GetFileName(useCase.FilePath),
        }, cancellation);
        return (decision, new PlanStepMark(step.Step.Name, step.Go, null, saved));
    }

    private static PlanStepDone? Done(UseCase useCase, string step) => useCase.Plan?.Steps.FirstOrDefault(s => s.Name == step)?.Done;
}

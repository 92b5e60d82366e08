using Flywheel.Operate.Listings;

namespace Flywheel.Tests.Operate.Listings;

/// <summary>Who may mark a plan step done: anyone who may deploy or owns the step once its criterion is met; otherwise an approver's override with a reason.</summary>
public sealed class PlanStepCompletionTests
{
    private static readonly PlanStepPowers Scientist = new(MayDeploy: true, MayPromote: false, HoldsOwnerRole: false);
    private static readonly PlanStepPowers Owner = new(false, false, true);
    private static readonly PlanStepPowers Approver = new(false, true, false);
    private static readonly PlanStepPowers Viewer = new(false, false, false);

    [Fact]
    public void A_met_criterion_lets_a_scientist_or_the_owner_mark_the_step_and_not_a_viewer()
    {
        Assert.True(PlanStepCompletion.Decide(true, Scientist, false, null).Allowed);
        Assert.False(PlanStepCompletion.Decide(true, Scientist, false, null).Override);
        Assert.True(PlanStepCompletion.Decide(true, Owner, false, null).Allowed);
        Assert.Contains("Deploy", PlanStepCompletion.Decide(true, Viewer, false, null).Refusal);
    }

    [Fact]
    public void An_unmet_or_unjudged_criterion_needs_an_approvers_override_with_a_reason()
    {
        foreach (var criterion in new bool?[] { false, null })
        {
            Assert.Contains("only an approver", PlanStepCompletion.Decide(criterion, Scientist, true, "because").Refusal);
            Assert.False(PlanStepCompletion.Decide(criterion, Owner, true, "because").Allowed);
            Assert.Equal("override", Assert.Throws<InputException>(() => PlanStepCompletion.Decide(criterion, Approver, false, "because")).File);
            Assert.Equal("reason", Assert.Throws<InputException>(() => PlanStepCompletion.Decide(criterion, Approver, true, "  ")).File);
            var decision = PlanStepCompletion.Decide(criterion, Approver, true, "  the pilot starts before the data is in  ");
            Assert.True(decision.Allowed);
            Assert.True(decision.Override);
            Assert.Equal("the pilot starts before the data is in", decision.Reason);
        }
        Assert.Equal("reason", Assert.Throws<InputException>(() => PlanStepCompletion.Decide(false, Approver, true, new string('x', 2001))).File);
    }

    [Fact]
    public void Undo_is_open_to_whoever_could_mark_the_step_now()
    {
        Assert.True(PlanStepCompletion.DecideUndo(true, Owner).Allowed);
        Assert.False(PlanStepCompletion.DecideUndo(false, Scientist).Allowed);
        Assert.True(PlanStepCompletion.DecideUndo(false, Approver).Allowed);
    }
}

using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

// The human review queue and feedback (Operate/Review, Operate/Feedback). Times the queue compares or orders by are
// also kept as Unix milliseconds: SQLite cannot compare or order DateTimeOffset in SQL, and a lease check must be part
// of the one conditional UPDATE that claims an item.

/// <summary>One captured row waiting for (or given) a human decision; unique per endpoint, inference id and row.</summary>
internal sealed class ReviewItemRow
{
    public long Id { get; set; }
    public string Endpoint { get; set; } = "";
    public string InferenceId { get; set; } = "";
    public int RowIndex { get; set; }
    public string EventId { get; set; } = "";
    public string Variant { get; set; } = "";
    public string ModelVersion { get; set; } = "";
    public DateTimeOffset CapturedAt { get; set; }
    public long CapturedAtMs { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public string Activation { get; set; } = "";
    public string FeaturesJson { get; set; } = "{}";
    public double Score { get; set; }
    public string SuggestedLabel { get; set; } = "";

    /// <summary>The labels a reviewer may give (the model's classes, JSON array); empty for regression (any number).</summary>
    public string LabelsJson { get; set; } = "[]";
    public string Decision { get; set; } = "";
    public string? ExplanationJson { get; set; }
    public string State { get; set; } = "";
    public int ReviewersNeeded { get; set; } = 1;
    public long LeaseMs { get; set; }
    public int Answers { get; set; }
    public string? ClaimedBy { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public long ClaimedAtMs { get; set; }
    public long LeaseUntilMs { get; set; }
    public string? Label { get; set; }
    public double? Agreement { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public long DecidedAtMs { get; set; }

    /// <summary>Bumped by every change, checked by every conditional UPDATE.</summary>
    public int Revision { get; set; }
}

/// <summary>One reviewer's answer to one item (a reviewer answers an item at most once).</summary>
internal sealed class ReviewAnswerRow
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public string Reviewer { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Comment { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public long SubmittedAtMs { get; set; }
    public long DurationMs { get; set; }
}

/// <summary>A "like" on an inference: one per inference id and actor (a second post replaces the first).</summary>
internal sealed class FeedbackRow
{
    public long Id { get; set; }
    public string Endpoint { get; set; } = "";
    public string InferenceId { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Verdict { get; set; } = "";
    public string? Label { get; set; }
    public string? Comment { get; set; }
    public string? ModelVersion { get; set; }
    public DateTimeOffset At { get; set; }
    public long AtMs { get; set; }
}

/// <summary>Where an endpoint's intake stopped reading the capture (exclusive, Unix ms).</summary>
internal sealed class ReviewIntakeRow
{
    public string Endpoint { get; set; } = "";
    public long WatermarkMs { get; set; }
}

/// <summary>Rows an endpoint's intake read and queued per UTC day: the denominator of the review share.</summary>
internal sealed class ReviewTallyRow
{
    public long Id { get; set; }
    public string Endpoint { get; set; } = "";
    public string Day { get; set; } = "";
    public long Rows { get; set; }
    public long Queued { get; set; }
}

internal static class ReviewRows
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ReviewItemRow>(item =>
        {
            item.ToTable("review_items");
            item.HasKey(i => i.Id);
            item.HasIndex(i => new { i.Endpoint, i.InferenceId, i.RowIndex }).IsUnique();
            item.HasIndex(i => new { i.Endpoint, i.State });
        });
        model.Entity<ReviewAnswerRow>(answer =>
        {
            answer.ToTable("review_answers");
            answer.HasKey(a => a.Id);
            answer.HasIndex(a => new { a.ItemId, a.Reviewer }).IsUnique();
            answer.HasOne<ReviewItemRow>().WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<FeedbackRow>(feedback =>
        {
            feedback.ToTable("feedback");
            feedback.HasKey(f => f.Id);
            feedback.HasIndex(f => new { f.Endpoint, f.InferenceId, f.Actor }).IsUnique();
        });
        model.Entity<ReviewIntakeRow>(intake =>
        {
            intake.ToTable("review_intake");
            intake.HasKey(i => i.Endpoint);
        });
        model.Entity<ReviewTallyRow>(tally =>
        {
            tally.ToTable("review_tallies");
            tally.HasKey(t => t.Id);
            tally.HasIndex(t => new { t.Endpoint, t.Day }).IsUnique();
        });
    }
}

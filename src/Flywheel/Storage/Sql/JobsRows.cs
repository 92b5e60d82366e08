using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

// The jobs tables (batch transform, async inference, later monitoring and retraining): one row per job, its log lines
// beside it. Read and written by Operate/Jobs/JobStore; the Hangfire tables live in Hangfire's own storage.

internal sealed class JobRow
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string State { get; set; } = "";
    public string SubmittedBy { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long RowsDone { get; set; }
    public long? RowsTotal { get; set; }
    public double RowsPerSecond { get; set; }
    public string ParametersJson { get; set; } = "{}";
    public string? Output { get; set; }
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public string? HangfireId { get; set; }
    public bool CancelRequested { get; set; }

    /// <summary>Bumped by every write, so two workers racing on one job cannot both win (optimistic concurrency).</summary>
    public int Revision { get; set; }
}

internal sealed class JobLogRow
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Level { get; set; } = "";
    public string Message { get; set; } = "";
}

internal static class JobsRows
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<JobRow>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.Id);
            job.HasIndex(j => new { j.Kind, j.State });
            job.Property(j => j.Revision).IsConcurrencyToken();
        });
        model.Entity<JobLogRow>(line =>
        {
            line.ToTable("job_logs");
            line.HasKey(l => l.Id);
            line.HasIndex(l => l.JobId);
            line.HasOne<JobRow>().WithMany().HasForeignKey(l => l.JobId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>
/// The metadata tables. Same model on SQLite and PostgreSQL; each provider has its context subclass and its own
/// migrations (<see cref="SqliteFlywheelContext"/>, <see cref="PostgreSqlFlywheelContext"/>), applied on open.
/// </summary>
internal abstract class FlywheelDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RunRow> Runs => Set<RunRow>();
    public DbSet<TrialRow> Trials => Set<TrialRow>();
    public DbSet<ModelVersionRow> ModelVersions => Set<ModelVersionRow>();
    public DbSet<AliasRow> Aliases => Set<AliasRow>();
    public DbSet<AliasEventRow> AliasEvents => Set<AliasEventRow>();
    public DbSet<AuditEventRow> AuditEvents => Set<AuditEventRow>();
    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();
    public DbSet<JobRow> Jobs => Set<JobRow>();
    public DbSet<JobLogRow> JobLogs => Set<JobLogRow>();
    public DbSet<EndpointRow> Endpoints => Set<EndpointRow>();
    public DbSet<MonitoringRunRow> MonitoringRuns => Set<MonitoringRunRow>();
    public DbSet<MonitoringAlertRow> MonitoringAlerts => Set<MonitoringAlertRow>();
    public DbSet<ReviewItemRow> ReviewItems => Set<ReviewItemRow>();
    public DbSet<ReviewAnswerRow> ReviewAnswers => Set<ReviewAnswerRow>();
    public DbSet<FeedbackRow> Feedback => Set<FeedbackRow>();
    public DbSet<ReviewIntakeRow> ReviewIntake => Set<ReviewIntakeRow>();
    public DbSet<ReviewTallyRow> ReviewTallies => Set<ReviewTallyRow>();
    public DbSet<ProductionDatasetRow> ProductionDatasets => Set<ProductionDatasetRow>();
    public DbSet<ModelComparisonRow> ModelComparisons => Set<ModelComparisonRow>();
    public DbSet<PromotionApprovalRow> PromotionApprovals => Set<PromotionApprovalRow>();
    public DbSet<TeamRequestRow> TeamRequests => Set<TeamRequestRow>();
    public DbSet<PersonRoleRow> PersonRoles => Set<PersonRoleRow>();
    public DbSet<UserAccountRow> UserAccounts => Set<UserAccountRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<RunRow>(run =>
        {
            run.ToTable("runs");
            run.HasKey(r => r.Id);
            run.HasIndex(r => r.UseCase);
        });
        model.Entity<TrialRow>(trial =>
        {
            trial.ToTable("trials");
            trial.HasKey(t => t.Id);
            trial.HasIndex(t => new { t.RunId, t.Number }).IsUnique();
            trial.HasOne<RunRow>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ModelVersionRow>(version =>
        {
            version.ToTable("model_versions");
            version.HasKey(v => v.Id);
            // Both unique: concurrent registrations race on the version number and retry, and the same package
            // registered twice at once is still one version.
            version.HasIndex(v => new { v.ModelName, v.Version }).IsUnique();
            version.HasIndex(v => new { v.ModelName, v.PackageId }).IsUnique();
        });
        model.Entity<AliasRow>(alias =>
        {
            alias.ToTable("model_aliases");
            alias.HasKey(a => a.Id);
            alias.HasIndex(a => new { a.ModelName, a.Alias }).IsUnique();
        });
        model.Entity<AliasEventRow>(change =>
        {
            change.ToTable("model_alias_events");
            change.HasKey(e => e.Id);
            change.HasIndex(e => e.ModelName);
        });
        model.Entity<AuditEventRow>(audit =>
        {
            audit.ToTable("audit_events");
            audit.HasKey(e => e.Id);
            audit.Property(e => e.Actor).HasColumnName("actor");
            audit.Property(e => e.Action).HasColumnName("action");
            audit.Property(e => e.Subject).HasColumnName("subject");
            audit.Property(e => e.At).HasColumnName("at");
            audit.Property(e => e.DetailsJson).HasColumnName("details");
            audit.Property(e => e.Id).HasColumnName("id");
            audit.HasIndex(e => e.Subject);
        });
        model.Entity<ApiKeyRow>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.HasIndex(k => k.Hash).IsUnique();
        });
        JobsRows.Configure(model);
        EndpointRow.Configure(model);
        MonitoringRows.Configure(model);
        ReviewRows.Configure(model);
        ProductionRows.Configure(model);
        RequestRows.Configure(model);
        UserAccountRow.Configure(model);
    }
}

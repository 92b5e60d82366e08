using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>The metadata tables. Same model on SQLite and PostgreSQL; the schema is created with EnsureCreated.</summary>
internal sealed class FlywheelDbContext(DbContextOptions<FlywheelDbContext> options) : DbContext(options)
{
    public DbSet<RunRow> Runs => Set<RunRow>();
    public DbSet<TrialRow> Trials => Set<TrialRow>();
    public DbSet<ModelVersionRow> ModelVersions => Set<ModelVersionRow>();
    public DbSet<AliasRow> Aliases => Set<AliasRow>();
    public DbSet<AliasEventRow> AliasEvents => Set<AliasEventRow>();

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
            version.HasIndex(v => new { v.ModelName, v.Version }).IsUnique();
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
    }
}

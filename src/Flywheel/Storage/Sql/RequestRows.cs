using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

// The requests part's tables: what was asked of which team role about which subject, and who holds which team role.
// Read and written by Operate/Requests.

internal sealed class TeamRequestRow
{
    public long Id { get; set; }
    public string Subject { get; set; } = "";
    public string Role { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public string? ReturnUrl { get; set; }
    public string AskedBy { get; set; } = "";
    public DateTimeOffset AskedAt { get; set; }
    public string Status { get; set; } = "";
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}

internal sealed class PersonRoleRow
{
    public long Id { get; set; }
    public string Person { get; set; } = "";
    public string Role { get; set; } = "";
    public string AddedBy { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
}

internal static class RequestRows
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<TeamRequestRow>(row =>
        {
            row.ToTable("team_requests");
            row.HasKey(r => r.Id);
            row.HasIndex(r => r.Subject);
            row.HasIndex(r => r.Role);
        });
        model.Entity<PersonRoleRow>(row =>
        {
            row.ToTable("person_roles");
            row.HasKey(r => r.Id);
            row.HasIndex(r => new { r.Person, r.Role }).IsUnique();
        });
    }
}

using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>A local account: a name, one access role, the password as Identity's hash (never the password), lockout state.</summary>
internal sealed class UserAccountRow
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Changes when the password or role changes, so sessions opened before end (like a security stamp).</summary>
    public string Stamp { get; set; } = "";

    public static void Configure(ModelBuilder model) => model.Entity<UserAccountRow>(row =>
    {
        row.ToTable("user_accounts");
        row.HasKey(r => r.Name);
    });
}

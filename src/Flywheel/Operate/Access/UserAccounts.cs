using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Access;

/// <summary>A local account as shown: never its password hash.</summary>
public sealed record UserAccount(string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LockedUntil, string Stamp)
{
    public bool IsDisabled => DisabledAt is not null;
}

/// <summary>What a sign-in with name and password came to; <see cref="Refusal"/> is for the audit log, never shown as is.</summary>
public sealed record SignInResult(UserAccount? User, string Refusal)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Local user accounts for the workspace's sign-in: a name, one of <see cref="Roles"/>, a password hashed by ASP.NET
/// Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, versioned; rehashed when Identity's defaults
/// move on). <see cref="MaxFailures"/> wrong passwords in a row lock the account for <see cref="LockoutFor"/>.
/// Every change is audited on <c>user:{name}</c>.
/// </summary>
public sealed class UserAccounts(MetadataStore store)
{
    public const int MinPasswordLength = 10;
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutFor = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<string> Hasher = new();

    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    public async Task<UserAccount> CreateAsync(string? name, string? role, string? password, string actor, CancellationToken cancellation = default)
    {
        name = CheckName(name);
        var checkedRole = Roles.Parse(role);
        CheckPassword(password);
        var now = Clock.GetUtcNow();
        await using var context = store.Database.CreateContext();
        if (await context.UserAccounts.AnyAsync(u => u.Name == name, cancellation)) throw new ConflictException($"a user named '{name}' exists", "name");
        var row = new UserAccountRow { Name = name, Role = checkedRole, PasswordHash = Hasher.HashPassword(name, password!), CreatedBy = actor, CreatedAt = now, Stamp = NewStamp() };
        context.UserAccounts.Add(row);
        Audit.Add(context, actor, "user.create", $"user:{name}", now, new { before = (string?)null, after = "active", role = checkedRole });
        await context.SaveChangesAsync(cancellation);
        return ToRecord(row);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        return (await context.UserAccounts.AsNoTracking().ToListAsync(cancellation)).OrderBy(u => u.Name, StringComparer.Ordinal).Select(ToRecord).ToList();
    }

    public async Task<UserAccount?> FindAsync(string name, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        return await context.UserAccounts.AsNoTracking().FirstOrDefaultAsync(u => u.Name == name, cancellation) is { } row ? ToRecord(row) : null;
    }

    /// <summary>Sets a new password, clears a lockout and ends the user's open sessions (new stamp).</summary>
    public Task<UserAccount> ResetPasswordAsync(string name, string? password, string actor, CancellationToken cancellation = default)
    {
        CheckPassword(password);
        return ChangeAsync(name, actor, "user.reset-password", row =>
        {
            row.PasswordHash = Hasher.HashPassword(row.Name, password!);
            row.FailedSignIns = 0;
            row.LockedUntil = null;
            row.Stamp = NewStamp();
            return new { before = "set", after = "reset" };
        }, cancellation);
    }

    /// <summary>Disables the account: it cannot sign in, and its sessions end at their next check.</summary>
    public Task<UserAccount> DisableAsync(string name, string actor, CancellationToken cancellation = default) =>
        ChangeAsync(name, actor, "user.disable", row =>
        {
            var before = row.DisabledAt is null ? "active" : "disabled";
            row.DisabledAt ??= Clock.GetUtcNow();
            row.Stamp = NewStamp();
            return new { before, after = "disabled" };
        }, cancellation);

    /// <summary>
    /// Checks a name and password. An unknown name costs a hash too (no timing tells names apart); a wrong password
    /// counts towards the lockout; a locked or disabled account is refused even with the right password.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string? name, string? password, CancellationToken cancellation = default)
    {
        name = name?.Trim() ?? "";
        password ??= "";
        var now = Clock.GetUtcNow();
        await using var context = store.Database.CreateContext();
        var row = await context.UserAccounts.FirstOrDefaultAsync(u => u.Name == name, cancellation);
        if (row is null)
        {
            Hasher.VerifyHashedPassword(name, DummyHash, password);
            return new SignInResult(null, "unknown user");
        }
        if (row.DisabledAt is not null) return new SignInResult(null, "disabled");
        if (row.LockedUntil is { } until && until > now) return new SignInResult(null, "locked out");
        var verdict = Hasher.VerifyHashedPassword(row.Name, row.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            row.FailedSignIns++;
            var refusal = "wrong password";
            if (row.FailedSignIns >= MaxFailures)
            {
                row.LockedUntil = now + LockoutFor;
                row.FailedSignIns = 0;
                refusal = "wrong password; locked out";
                Audit.Add(context, "workspace", "user.locked", $"user:{row.Name}", now, new { until = row.LockedUntil });
            }
            await context.SaveChangesAsync(cancellation);
            return new SignInResult(null, refusal);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) row.PasswordHash = Hasher.HashPassword(row.Name, password);
        row.FailedSignIns = 0;
        row.LockedUntil = null;
        await context.SaveChangesAsync(cancellation);
        return new SignInResult(ToRecord(row), "");
    }

    private async Task<UserAccount> ChangeAsync(string name, string actor, string action, Func<UserAccountRow, object> change, CancellationToken cancellation)
    {
        await using var context = store.Database.CreateContext();
        var row = await context.UserAccounts.FirstOrDefaultAsync(u => u.Name == name, cancellation)
            ?? throw new NotFoundException($"no user named '{name}'", "user");
        var details = change(row);
        Audit.Add(context, actor, action, $"user:{name}", Clock.GetUtcNow(), details);
        await context.SaveChangesAsync(cancellation);
        return ToRecord(row);
    }

    private static string CheckName(string? name)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new InputException("a user name is 1–64 letters, digits, '.', '-' or '_'", "name");
        return name;
    }

    private static void CheckPassword(string? password)
    {
        if (password is null || password.Length < MinPasswordLength)
            throw new InputException($"a password has at least {MinPasswordLength} characters", "password");
        if (password.Length > 512) throw new InputException("a password has at most 512 characters", "password");
    }

    private static readonly string DummyHash = Hasher.HashPassword("", Guid.NewGuid().ToString("N"));

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static UserAccount ToRecord(UserAccountRow row) => new(row.Name, row.Role, row.CreatedBy, row.CreatedAt, row.DisabledAt, row.LockedUntil, row.Stamp);
}

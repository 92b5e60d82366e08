namespace Flywheel.Storage;

/// <summary>
/// A page of the audit trail, newest first: entries matching every filter given (exact subject, actor and action;
/// at or after <see cref="Since"/>), at most <see cref="Limit"/>, strictly older than the entry <see cref="Before"/>
/// (the previous page's <see cref="AuditPage.Next"/>).
/// </summary>
public sealed record AuditQuery(
    string? Subject = null,
    string? Actor = null,
    string? Action = null,
    DateTimeOffset? Since = null,
    int Limit = AuditQuery.DefaultLimit,
    long? Before = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The query with its limit checked (1 to <see cref="MaxLimit"/>); a bad one names the field.</summary>
    public AuditQuery Checked()
    {
        if (Limit is < 1 or > MaxLimit) throw new InputException($"limit {Limit} must be between 1 and {MaxLimit}", "limit");
        if (Before is < 1) throw new InputException($"the cursor {Before} is not an audit entry id", "after");
        return this;
    }
}

/// <summary>One page of audit entries, newest first, and the cursor of the next (older) page, null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Entries, long? Next);

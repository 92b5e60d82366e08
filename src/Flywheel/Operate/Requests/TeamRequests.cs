using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Requests;

/// <summary>What a request asks for; an approval is decided (approved / rejected), the others are answered.</summary>
public static class RequestKinds
{
    public const string Information = "information";
    public const string Work = "work";
    public const string Review = "review";
    public const string Approval = "approval";

    public static readonly string[] All = [Information, Work, Review, Approval];
}

/// <summary>Where a request stands.</summary>
public static class RequestStatuses
{
    public const string Open = "open";
    public const string Answered = "answered";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>A request as asked: the subject id, the team role, the kind, the message, the due date and where it was asked from.</summary>
public sealed record RequestAsk(string? Subject, string? Role, string? Kind, string? Message, DateTimeOffset? Due, string? ReturnUrl);

/// <summary>A stored request; <see cref="Answer"/> is the answer or the approver's comment.</summary>
public sealed record TeamRequest(long Id, string Subject, string Role, string Kind, string Message, DateTimeOffset DueAt, string? ReturnUrl,
    string AskedBy, DateTimeOffset AskedAt, string Status, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt)
{
    public bool IsOpen => Status == RequestStatuses.Open;

    /// <summary>Still open after its due date.</summary>
    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt < now;
}

/// <summary>A subject's requests in short, for the Ask button: how many are open and answered, and the latest answer.</summary>
public sealed record SubjectRequests(string Subject, int Open, int Closed, TeamRequest? LatestAnswered);

/// <summary>A person (an actor: <c>user:hana</c>, <c>key:ci</c>) and the team roles they hold.</summary>
public sealed record Person(string Name, IReadOnlyList<string> Roles);

/// <summary>
/// Requests and sign-offs: anyone signed in asks a team role (<see cref="TeamRoles"/>) for information, work, review or
/// approval about a subject (<c>parameter:{useCase}/{name}</c>, <c>value:{useCase}</c>, <c>model:{name}/{version}</c>…);
/// a person who holds that role (settings map people to roles), or an admin, answers or decides. Every change is
/// audited on <c>request:{id}</c> in the same transaction as the change.
/// </summary>
public sealed class TeamRequests(MetadataStore store)
{
    public const int MaxMessage = 4000;
    public const int MaxSubject = 300;

    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    /// <summary>Checks an ask, naming the first bad field (<c>subject</c>, <c>role</c>, <c>kind</c>, <c>message</c>, <c>due</c>).</summary>
    public static (string Subject, TeamRole Role, string Kind, string Message, DateTimeOffset Due, string? ReturnUrl) Validate(RequestAsk ask, DateTimeOffset now)
    {
        var subject = ask.Subject?.Trim();
        if (string.IsNullOrEmpty(subject)) throw new InputException("a request names its subject (e.g. parameter:telco-churn/retention_rate)", "subject");
        if (subject.Length > MaxSubject || !subject.Contains(':') || subject.Any(char.IsControl))
            throw new InputException($"the subject is kind:id (parameter:…, finding:…, alert:…, plan-step:…, model:…, value:…), at most {MaxSubject} characters", "subject");
        var role = TeamRoles.Parse(ask.Role);
        if (ask.Kind is null || !RequestKinds.All.Contains(ask.Kind))
            throw new InputException($"the kind is {string.Join(", ", RequestKinds.All)}, not '{ask.Kind}'", "kind");
        var message = ask.Message?.Trim() ?? "";
        if (message.Length == 0) throw new InputException("a request says what is asked", "message");
        if (message.Length > MaxMessage) throw new InputException($"the message is longer than {MaxMessage} characters", "message");
        if (ask.Due is not { } due) throw new InputException("a request has a due date", "due");
        if (due < now.AddDays(-1)) throw new InputException($"the due date {due:yyyy-MM-dd} is in the past", "due");
        // Only a path on this site, so the "back to where it was asked" link cannot send anyone elsewhere.
        var back = ask.ReturnUrl is { } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : null;
        return (subject, role, ask.Kind, message, due, back);
    }

    public async Task<TeamRequest> AskAsync(RequestAsk ask, string actor, CancellationToken cancellation = default)
    {
        var now = Clock.GetUtcNow();
        var (subject, role, kind, message, due, back) = Validate(ask, now);
        await using var context = store.Database.CreateContext();
        // The id names the audit entry's subject: saved twice, in one transaction.
        await using var transaction = await context.Database.BeginTransactionAsync(cancellation);
        var row = new TeamRequestRow
        {
            Subject = subject, Role = role.Id, Kind = kind, Message = message, DueAt = due, ReturnUrl = back,
            AskedBy = actor, AskedAt = now, Status = RequestStatuses.Open,
        };
        context.TeamRequests.Add(row);
        await context.SaveChangesAsync(cancellation);
        Audit.Add(context, actor, "request.ask", $"request:{row.Id}", now, new { subject, role = role.Id, kind, due, message });
        await context.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return ToRecord(row);
    }

    public async Task<TeamRequest> GetAsync(long id, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var row = await context.TeamRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellation)
            ?? throw new NotFoundException($"no request with id {id}", "id");
        return ToRecord(row);
    }

    /// <summary>Requests filtered by subject, role and status; open first, then by due date, then newest.</summary>
    public async Task<IReadOnlyList<TeamRequest>> ListAsync(string? subject = null, string? role = null, string? status = null, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var rows = context.TeamRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(subject)) rows = rows.Where(r => r.Subject == subject);
        if (!string.IsNullOrWhiteSpace(role))
        {
            var id = TeamRoles.Parse(role).Id;
            rows = rows.Where(r => r.Role == id);
        }
        if (!string.IsNullOrWhiteSpace(status)) rows = rows.Where(r => r.Status == status);
        return Ordered((await rows.ToListAsync(cancellation)).Select(ToRecord));
    }

    /// <summary>The approval requests whose subject starts with <paramref name="prefix"/> (every fingerprint of one use case's value), oldest first.</summary>
    public async Task<IReadOnlyList<TeamRequest>> ApprovalsUnderAsync(string prefix, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var rows = await context.TeamRequests.AsNoTracking()
            .Where(r => r.Subject.StartsWith(prefix) && r.Kind == RequestKinds.Approval).ToListAsync(cancellation);
        return rows.OrderBy(r => r.Id).Select(ToRecord).ToList();
    }

    /// <summary>The requests addressed to any of <paramref name="person"/>'s team roles: the inbox, open first (overdue soonest).</summary>
    public async Task<IReadOnlyList<TeamRequest>> InboxAsync(string person, CancellationToken cancellation = default)
    {
        var roles = await RolesOfAsync(person, cancellation);
        await using var context = store.Database.CreateContext();
        var rows = await context.TeamRequests.AsNoTracking().Where(r => roles.Contains(r.Role)).ToListAsync(cancellation);
        return Ordered(rows.Select(ToRecord));
    }

    /// <summary>The counts and latest answer of each subject asked about (for many Ask buttons on one page at once).</summary>
    public async Task<IReadOnlyDictionary<string, SubjectRequests>> SummariesAsync(IEnumerable<string> subjects, CancellationToken cancellation = default)
    {
        var wanted = subjects.Distinct(StringComparer.Ordinal).ToList();
        await using var context = store.Database.CreateContext();
        var rows = await context.TeamRequests.AsNoTracking().Where(r => wanted.Contains(r.Subject)).ToListAsync(cancellation);
        return rows.Select(ToRecord).GroupBy(r => r.Subject, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new SubjectRequests(g.Key,
            g.Count(r => r.IsOpen), g.Count(r => !r.IsOpen),
            g.Where(r => !r.IsOpen).OrderByDescending(r => r.AnsweredAt).ThenByDescending(r => r.Id).FirstOrDefault()), StringComparer.Ordinal);
    }

    /// <summary>Answers an information, work or review request (once).</summary>
    public Task<TeamRequest> AnswerAsync(long id, string? answer, string actor, bool isAdmin, CancellationToken cancellation = default) =>
        CloseAsync(id, answer, actor, isAdmin, approve: null, cancellation);

    /// <summary>Approves or rejects an approval request (once), with an optional comment.</summary>
    public Task<TeamRequest> DecideAsync(long id, bool approve, string? comment, string actor, bool isAdmin, CancellationToken cancellation = default) =>
        CloseAsync(id, comment, actor, isAdmin, approve, cancellation);

    /// <summary>Whether an approval request on <paramref name="subject"/> was approved (the gate of value sign-off and promotion).</summary>
    public async Task<TeamRequest?> ApprovalOfAsync(string subject, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var rows = await context.TeamRequests.AsNoTracking()
            .Where(r => r.Subject == subject && r.Kind == RequestKinds.Approval && r.Status == RequestStatuses.Approved).ToListAsync(cancellation);
        return rows.OrderByDescending(r => r.Id).Select(ToRecord).FirstOrDefault();
    }

    /// <summary>May <paramref name="actor"/> answer requests to <paramref name="role"/>: a person holding it, or an admin.</summary>
    public async Task<bool> MayAnswerAsync(string actor, string role, bool isAdmin, CancellationToken cancellation = default) =>
        isAdmin || (await RolesOfAsync(actor, cancellation)).Contains(role);

    public async Task<IReadOnlyList<string>> RolesOfAsync(string person, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        return await context.PersonRoles.AsNoTracking().Where(p => p.Person == person).Select(p => p.Role).ToListAsync(cancellation);
    }

    /// <summary>Everyone given a team role, by name.</summary>
    public async Task<IReadOnlyList<Person>> PeopleAsync(CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var rows = await context.PersonRoles.AsNoTracking().ToListAsync(cancellation);
        return rows.GroupBy(r => r.Person, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Person(g.Key, g.Select(r => r.Role).OrderBy(RoleOrder).ToList())).ToList();
    }

    /// <summary>Sets the team roles a person holds (none removes them), audited on <c>person:{name}</c> before → after.</summary>
    public async Task<Person> SetRolesAsync(string? person, IEnumerable<string> roles, string actor, CancellationToken cancellation = default)
    {
        person = person?.Trim();
        if (string.IsNullOrEmpty(person) || !(person.StartsWith("user:", StringComparison.Ordinal) || person.StartsWith("key:", StringComparison.Ordinal)) || person.Length > 200)
            throw new InputException("a person is a local account (user:NAME) or an API key's name (key:NAME)", "person");
        var wanted = roles.Select(r => TeamRoles.Parse(r, "roles").Id).Distinct().OrderBy(RoleOrder).ToList();
        var now = Clock.GetUtcNow();
        await using var context = store.Database.CreateContext();
        var existing = await context.PersonRoles.Where(p => p.Person == person).ToListAsync(cancellation);
        var before = existing.Select(r => r.Role).OrderBy(RoleOrder).ToList();
        context.PersonRoles.RemoveRange(existing.Where(r => !wanted.Contains(r.Role)));
        foreach (var role in wanted.Where(r => !before.Contains(r)))
            context.PersonRoles.Add(new PersonRoleRow { Person = person, Role = role, AddedBy = actor, AddedAt = now });
        Audit.Add(context, actor, "person.roles", $"person:{person}", now, new { before, after = wanted });
        await context.SaveChangesAsync(cancellation);
        return new Person(person, wanted);
    }

    private async Task<TeamRequest> CloseAsync(long id, string? text, string actor, bool isAdmin, bool? approve, CancellationToken cancellation)
    {
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (text is { Length: > MaxMessage }) throw new InputException($"the answer is longer than {MaxMessage} characters", "answer");
        await using var context = store.Database.CreateContext();
        var row = await context.TeamRequests.FirstOrDefaultAsync(r => r.Id == id, cancellation)
            ?? throw new NotFoundException($"no request with id {id}", "id");
        if (!await MayAnswerAsync(actor, row.Role, isAdmin, cancellation))
            throw new NotTheAskedRoleException($"only a person holding the team role '{row.Role}' (settings) or an admin may answer request {id}");
        if (row.Status != RequestStatuses.Open) throw new ConflictException($"request {id} is already {row.Status}", "status");
        var isApproval = row.Kind == RequestKinds.Approval;
        if (approve is null && isApproval) throw new InputException($"request {id} asks for approval: approve or reject it", "decision");
        if (approve is not null && !isApproval) throw new InputException($"request {id} asks for {row.Kind}, not approval: answer it", "decision");
        if (approve is null && text is null) throw new InputException("an answer says something", "answer");
        var now = Clock.GetUtcNow();
        row.Status = approve switch { true => RequestStatuses.Approved, false => RequestStatuses.Rejected, null => RequestStatuses.Answered };
        row.Answer = text;
        row.AnsweredBy = actor;
        row.AnsweredAt = now;
        var action = approve switch { true => "request.approve", false => "request.reject", null => "request.answer" };
        Audit.Add(context, actor, action, $"request:{id}", now, new { before = RequestStatuses.Open, after = row.Status, row.Subject, answer = text });
        await context.SaveChangesAsync(cancellation);
        return ToRecord(row);
    }

    private static IReadOnlyList<TeamRequest> Ordered(IEnumerable<TeamRequest> requests) =>
        requests.OrderBy(r => r.IsOpen ? 0 : 1).ThenBy(r => r.IsOpen ? r.DueAt : DateTimeOffset.MaxValue).ThenByDescending(r => r.Id).ToList();

    private static int RoleOrder(string id) => TeamRoles.All.ToList().FindIndex(r => r.Id == id);

    private static TeamRequest ToRecord(TeamRequestRow row) => new(row.Id, row.Subject, row.Role, row.Kind, row.Message, row.DueAt, row.ReturnUrl,
        row.AskedBy, row.AskedAt, row.Status, row.Answer, row.AnsweredBy, row.AnsweredAt);
}

/// <summary>The actor holds neither the asked team role nor admin: hosts answer 403 (it is a permission, not bad input).</summary>
public sealed class NotTheAskedRoleException(string message) : Exception(message);

using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Requests;

/// <summary>An answer to a request: the text; for an approval request also the decision (approve / reject).</summary>
public sealed record AnswerBody(string? Answer, string? Decision);

/// <summary>The team roles a person holds (settings).</summary>
public sealed record PersonRolesBody(IReadOnlyList<string>? Roles);

public sealed record RequestList(IReadOnlyList<TeamRequestView> Requests);

public sealed record PeopleList(IReadOnlyList<Person> People);

/// <summary>A request as the API shows it, with whether it is overdue now.</summary>
public sealed record TeamRequestView(long Id, string Subject, string Role, string Kind, string Message, DateTimeOffset DueAt, string? ReturnUrl,
    string AskedBy, DateTimeOffset AskedAt, string Status, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt, bool Overdue)
{
    public static TeamRequestView Of(TeamRequest r, DateTimeOffset now) => new(r.Id, r.Subject, r.Role, r.Kind, r.Message, r.DueAt, r.ReturnUrl,
        r.AskedBy, r.AskedAt, r.Status, r.Answer, r.AnsweredBy, r.AnsweredAt, r.IsOverdue(now));
}

/// <summary>
/// <c>/api/v1/requests</c>: requests and sign-offs asked of team roles. Reading and asking need Read (every signed-in
/// role but an application's invoke-only key); answering needs the asked team role in settings or admin (else 403);
/// <c>/api/v1/people</c> maps people to team roles (Administer). Same library code as the workspace's pages.
/// </summary>
public static class RequestRoutes
{
    public static void AddServices(WebApplicationBuilder builder)
    {
    }

    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/requests").WithTags("Requests").Requires(Permission.Read);
        group.MapGet("", ListAsync).WithName("ListRequests").WithSummary("Requests, open first: filter by subject, role (team role) and status");
        group.MapGet("/inbox", InboxAsync).WithName("RequestInbox").WithSummary("The requests to the caller's team roles, open first, overdue marked");
        group.MapGet("/{id:long}", GetAsync).WithName("GetRequest").WithSummary("One request").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", AskAsync).WithName("AskRequest")
            .WithSummary("Ask a team role for information, work, review or approval about a subject, with a due date and a message")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id:long}/answer", AnswerAsync).WithName("AnswerRequest")
            .WithSummary("Answer a request, or approve / reject an approval request (decision); only a person holding the asked team role, or an admin")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/v1/team-roles", () => TypedResults.Ok(TeamRoles.All)).WithTags("Requests").Requires(Permission.Read)
            .WithName("ListTeamRoles").WithSummary("The 18 team roles requests are addressed to (id, English, Japanese)");
        var people = app.MapGroup("/api/v1/people").WithTags("Requests").Requires(Permission.Administer);
        people.MapGet("", PeopleAsync).WithName("ListPeople").WithSummary("People (user:NAME, key:NAME) and the team roles they hold");
        people.MapPut("/{person}", SetRolesAsync).WithName("SetPersonRoles").WithSummary("Set the team roles a person holds (an empty list removes them)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static TeamRequests Requests(ServerStore store) => new(store.Store);

    private static async Task<Ok<RequestList>> ListAsync(string? subject, string? role, string? status, ServerStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var list = await Requests(store).ListAsync(subject, role, status, cancellation);
        return TypedResults.Ok(new RequestList(list.Select(r => TeamRequestView.Of(r, now)).ToList()));
    }

    private static async Task<Ok<RequestList>> InboxAsync(ClaimsPrincipal user, ServerStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var list = await Requests(store).InboxAsync(user.Actor(), cancellation);
        return TypedResults.Ok(new RequestList(list.Select(r => TeamRequestView.Of(r, now)).ToList()));
    }

    private static async Task<Ok<TeamRequestView>> GetAsync(long id, ServerStore store, TimeProvider clock, CancellationToken cancellation) =>
        TypedResults.Ok(TeamRequestView.Of(await Requests(store).GetAsync(id, cancellation), clock.GetUtcNow()));

    private static async Task<Created<TeamRequestView>> AskAsync(RequestAsk ask, ClaimsPrincipal user, ServerStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var asked = await Requests(store).AskAsync(ask, user.Actor(), cancellation);
        return TypedResults.Created($"/api/v1/requests/{asked.Id}", TeamRequestView.Of(asked, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<TeamRequestView>, ProblemHttpResult>> AnswerAsync(long id, AnswerBody body, ClaimsPrincipal user, ServerStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var requests = Requests(store);
        var isAdmin = user.Role() == Roles.Admin;
        try
        {
            var answered = body.Decision switch
            {
                null or "" => await requests.AnswerAsync(id, body.Answer, user.Actor(), isAdmin, cancellation),
                "approve" => await requests.DecideAsync(id, true, body.Answer, user.Actor(), isAdmin, cancellation),
                "reject" => await requests.DecideAsync(id, false, body.Answer, user.Actor(), isAdmin, cancellation),
                _ => throw new InputException($"the decision is approve or reject, not '{body.Decision}'", "decision"),
            };
            return TypedResults.Ok(TeamRequestView.Of(answered, clock.GetUtcNow()));
        }
        catch (NotTheAskedRoleException refused)
        {
            return TypedResults.Problem(detail: refused.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
    }

    private static async Task<Ok<PeopleList>> PeopleAsync(ServerStore store, CancellationToken cancellation) =>
        TypedResults.Ok(new PeopleList(await Requests(store).PeopleAsync(cancellation)));

    private static async Task<Ok<Person>> SetRolesAsync(string person, PersonRolesBody body, ClaimsPrincipal user, ServerStore store, CancellationToken cancellation) =>
        TypedResults.Ok(await Requests(store).SetRolesAsync(person, body.Roles ?? [], user.Actor(), cancellation));
}

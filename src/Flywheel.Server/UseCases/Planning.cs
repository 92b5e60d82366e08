using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Operate.Listings;
using Flywheel.Operate.Monitoring.Growth;
using Flywheel.Server.Monitoring;
using Flywheel.Server.Security;
using Flywheel.UseCases;
using Flywheel.Value.Plans;
using Flywheel.Workflows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.UseCases;

/// <summary>The canvas as the Canvas page shows it: the file's fingerprint (send it back with a change), the blocks and stated conditions, and the growth-cycle check.</summary>
public sealed record UseCaseCanvas(string UseCase, string Fingerprint, CanvasContent Canvas, IReadOnlyList<GrowthCheckItem> Check);

/// <summary>A canvas change: each block of <c>blocks</c> and condition of <c>growth</c> named replaces it (an empty list or null clears it); those not named stay as written.</summary>
public sealed record CanvasSet(string? Fingerprint, Dictionary<string, List<string>?>? Blocks, Dictionary<string, GrowthStatement?>? Growth);

/// <summary>The plan as the Staged plan page shows it: the fingerprint, the priced steps (<c>flywheel plan --json</c>) and each step's completion.</summary>
public sealed record UseCasePlan(string UseCase, string Fingerprint, PlanDocument Plan, IReadOnlyList<PlanStepState> Steps);

/// <summary>A step's go/no-go and whether it was marked done: by whom, when, and whether as an approver's override (with its reason).</summary>
public sealed record PlanStepState(string Step, string Verdict, bool? CriterionMet, PlanStepDoneState? Done);

public sealed record PlanStepDoneState(DateTimeOffset At, string By, bool Override, string? Reason)
{
    public static PlanStepDoneState? Of(PlanStepDone? done) => done is null ? null : new(done.At, done.By, done.Override, done.Reason);
}

/// <summary>Marking a step done: <c>override</c> with a <c>reason</c> when its criterion is not met (approvers only), and the fingerprint of the file as read.</summary>
public sealed record PlanStepDoneRequest(bool? Override, string? Reason, string? Fingerprint);

/// <summary>
/// The Canvas and Staged plan pages' data and routes (<c>/api/v1/use-cases/{name}/canvas</c>, <c>…/plan</c>): the page
/// and the API read the same views and make the same changes through <see cref="CanvasEdits"/> and <see cref="PlanStepCompletion"/>.
/// </summary>
public static class Planning
{
    // Pricing a plan registers its rule steps as models; one at a time, so two readers never register the same rule twice.
    private static readonly SemaphoreSlim PlanPricing = new(1, 1);

    public static IEndpointRouteBuilder MapPlanning(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/use-cases/{name}").WithTags("Use cases").Requires(Permission.Read);
        group.MapGet("/canvas", CanvasRouteAsync).WithName("GetUseCaseCanvas")
            .WithSummary("The business model canvas, the growth cycle's stated conditions and the check of each against the growth evidence").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/canvas", SetCanvasAsync).WithName("SetUseCaseCanvas")
            .WithSummary("Change the canvas in flywheel.yaml (scientists, admins, Product Manager, Business Analyst or the use case's owner role): {fingerprint, blocks?, growth?}")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/plan", PlanRouteAsync).WithName("GetUseCasePlan")
            .WithSummary("The staged plan priced (rule steps measured on the test split and registered), with each step's go/no-go and completion").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/plan/steps/{step}/done", CompleteAsync).WithName("CompletePlanStep")
            .WithSummary("Mark a plan step done: its criterion met (Deploy, an approver or the step's owner role), or an approver's override with a reason")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/plan/steps/{step}/done", UndoAsync).WithName("UndoPlanStep")
            .WithSummary("Undo a step's completion (whoever may mark it now); ?fingerprint= of the file as read")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The use case's canvas with the growth-cycle check over the evidence of its endpoints.</summary>
    public static async Task<(UseCase UseCase, UseCaseCanvas Canvas, GrowthReport Evidence)> CanvasAsync(string name, MonitoringHost host, IServiceProvider services,
        CancellationToken cancellation = default)
    {
        var (useCase, endpoints) = await host.UseCaseAsync(name, cancellation);
        var evidence = await GrowthEvidence.BuildAsync(useCase, endpoints, host.Capture, services.GetService<Flywheel.Storage.IHumanLabels>(), host.Store, cancellation: cancellation);
        var content = useCase.Canvas?.Content() ?? new CanvasContent(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, GrowthStatement>());
        return (useCase, new UseCaseCanvas(useCase.Name, useCase.Fingerprint, content, GrowthCycleCheck.Judge(useCase.Canvas, evidence)), evidence);
    }

    /// <summary>The use case's plan priced now, or a not-found when the file has no plan.</summary>
    public static Task<(UseCase UseCase, PlanResult Plan)> PlanAsync(string name, ServerStore store, CancellationToken cancellation = default) =>
        PlanAsync(UseCases.Served(store, name), store, cancellation);

    /// <summary>The plan of <paramref name="useCase"/> (the file as just read) priced now, or a not-found when it has none.</summary>
    public static async Task<(UseCase UseCase, PlanResult Plan)> PlanAsync(UseCase useCase, ServerStore store, CancellationToken cancellation = default)
    {
        if (useCase.Plan is null) throw new NotFoundException($"use case '{useCase.Name}' has no 'plan' section", "plan");
        await PlanPricing.WaitAsync(cancellation);
        try
        {
            return (useCase, await PlanWorkflow.RunAsync(useCase, store.Options.StoreOptions, cancellation));
        }
        finally
        {
            PlanPricing.Release();
        }
    }

    /// <summary>
    /// The plan's report (side-by-side table and payback chart), built once per use-case file, priced figures and
    /// language, so a visit to the Staged plan page finds its chart drawn.
    /// </summary>
    public static Flywheel.Reports.ReportDocument Report(UseCase useCase, PlanResult plan)
    {
        var key = string.Join('|', useCase.FilePath, useCase.Fingerprint, System.Globalization.CultureInfo.CurrentCulture.Name,
            System.Globalization.CultureInfo.CurrentUICulture.Name, System.Text.Json.JsonSerializer.Serialize(PlanDocument.From(plan)));
        return Reports.GetOrAdd(key, _ =>
        {
            var report = new Flywheel.Reports.ReportDocument("plan");
            Flywheel.Reports.PlanReport.AddTo(report, plan);
            return report;
        });
    }

    private static readonly BoundedMemo<Flywheel.Reports.ReportDocument> Reports = new(32);

    /// <summary>The priced plan with each step's completion as <paramref name="useCase"/> (the file as read, or as just saved) has it.</summary>
    public static UseCasePlan View(UseCase useCase, PlanResult plan) => new(useCase.Name, useCase.Fingerprint, PlanDocument.From(plan),
        plan.Steps.Select(s => new PlanStepState(s.Step.Name, s.Verdict, s.Go,
            PlanStepDoneState.Of(useCase.Plan?.Steps.FirstOrDefault(x => x.Name == s.Step.Name)?.Done))).ToList());

    private static async Task<Ok<UseCaseCanvas>> CanvasRouteAsync(string name, MonitoringHost host, IServiceProvider services, CancellationToken cancellation) =>
        TypedResults.Ok((await CanvasAsync(name, host, services, cancellation)).Canvas);

    private static async Task<Results<Ok<UseCaseCanvas>, ProblemHttpResult>> SetCanvasAsync(string name, CanvasSet? body, ClaimsPrincipal user, ServerStore store,
        MonitoringHost host, IServiceProvider services, CancellationToken cancellation)
    {
        var useCase = UseCases.Served(store, name);
        if (body is null || (body.Blocks is null && body.Growth is null))
            throw new InputException("the body needs 'blocks' and/or 'growth': {\"fingerprint\": \"…\", \"blocks\": {\"customer_segments\": [\"…\"]}}", "blocks");
        var edits = new CanvasEdits(store.Store);
        if (!await edits.MayEditAsync(user.Actor(), user.Role(), useCase, cancellation)) return Forbidden(CanvasEdits.Refusal(useCase));
        var current = useCase.Canvas?.Content();
        var blocks = new Dictionary<string, IReadOnlyList<string>>(current?.Blocks ?? new Dictionary<string, IReadOnlyList<string>>(), StringComparer.Ordinal);
        foreach (var (key, items) in body.Blocks ?? []) blocks[key] = items ?? [];
        var growth = new Dictionary<string, GrowthStatement>(current?.Growth ?? new Dictionary<string, GrowthStatement>(), StringComparer.Ordinal);
        foreach (var (key, condition) in body.Growth ?? []) growth[key] = condition ?? new GrowthStatement(null, null);
        var content = new CanvasContent(blocks, growth);
        await edits.SetAsync(useCase, content, body.Fingerprint, user.Actor(), cancellation);
        return TypedResults.Ok((await CanvasAsync(name, host, services, cancellation)).Canvas);
    }

    private static async Task<Ok<UseCasePlan>> PlanRouteAsync(string name, ServerStore store, CancellationToken cancellation)
    {
        var (useCase, plan) = await PlanAsync(name, store, cancellation);
        return TypedResults.Ok(View(useCase, plan));
    }

    private static async Task<Results<Ok<UseCasePlan>, ProblemHttpResult>> CompleteAsync(string name, string step, PlanStepDoneRequest? body, ClaimsPrincipal user,
        ServerStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var (useCase, plan) = await PlanAsync(name, store, cancellation);
        var priced = PlanStepCompletion.Step(plan, step);
        var (decision, mark) = await new PlanStepCompletion(store.Store).CompleteAsync(useCase, priced, body?.Override ?? false, body?.Reason, body?.Fingerprint,
            user.Actor(), user.Role(), clock.GetUtcNow(), cancellation);
        if (mark is null) return Forbidden(decision.Refusal!);
        return TypedResults.Ok(View(mark.UseCase, plan));
    }

    private static async Task<Results<Ok<UseCasePlan>, ProblemHttpResult>> UndoAsync(string name, string step, string? fingerprint, ClaimsPrincipal user, ServerStore store,
        CancellationToken cancellation)
    {
        var (useCase, plan) = await PlanAsync(name, store, cancellation);
        var (decision, mark) = await new PlanStepCompletion(store.Store).UndoAsync(useCase, PlanStepCompletion.Step(plan, step), fingerprint, user.Actor(), user.Role(), cancellation);
        if (mark is null) return Forbidden(decision.Refusal!);
        return TypedResults.Ok(View(mark.UseCase, plan));
    }

    private static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}

using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Retraining;

/// <summary>Asked to move @production: the version, the comparison it is approved on and why; <see cref="Override"/> promotes without one (a reason is then required).</summary>
public sealed record PromotionRequest(int? Version, Guid? ComparisonId = null, string? Reason = null, bool Override = false);

/// <summary>A recorded approval: who moved @production from which version to which, on which comparison (its value per day added), and why.</summary>
public sealed record PromotionApproval(
    long Id, string Model, int? FromVersion, int ToVersion, Guid? ComparisonId, double? ValuePerDayAdded,
    bool Override, string Reason, string Kind, string Actor, DateTimeOffset At);

/// <summary>What a promotion or rollback did: the alias change (null when @production already pointed there) and the approval recorded.</summary>
public sealed record PromotionOutcome(AliasEvent? Change, PromotionApproval Approval);

/// <summary>
/// Promotion to <c>@production</c> on evidence: a comparison whose challenger is the version promoted (or an explicit
/// override with a reason). The alias move is audited by the registry (<c>alias.set</c>/<c>alias.move</c>), the
/// approval here (<c>promotion.approve</c>, with the comparison and its value added). Rollback moves @production
/// back to the version it pointed at before the latest move (from the alias history), audited as
/// <c>promotion.rollback</c>. Who may do either is the caller's check (Permission.Promote).
/// </summary>
public sealed class Promotions(MetadataStore store)
{
    public const string Production = "production";
    public const string Promote = "promote";
    public const string Rollback = "rollback";

    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    /// <param name="useCase">The use case the model serves, when known: its <c>approvals.promotion</c> roles must have signed the version off.</param>
    public async Task<PromotionOutcome> PromoteAsync(string model, PromotionRequest request, string actor, CancellationToken cancellation = default, Flywheel.UseCases.UseCase? useCase = null)
    {
        var version = request.Version ?? throw new InputException("the body needs the version to promote: {\"version\": 3, \"comparisonId\": \"…\", \"reason\": \"…\"}", "version");
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new InputException("a promotion needs a reason: what the approver saw in the evidence", "reason");
        await store.Models.GetVersionAsync(model, version, cancellation);
        if (useCase is not null) await new Requests.SignOffs(store).RequirePromotionAsync(useCase, version, cancellation);
        ModelComparison? comparison = null;
        if (request.ComparisonId is { } id)
        {
            comparison = await new Comparisons(store).GetAsync(id, cancellation);
            if (comparison.Model != model || comparison.Challenger.Version != version)
                throw new ConflictException($"comparison {id} compared {comparison.Model}:{comparison.Challenger.Version}, not {model}:{version}; promote on a comparison of this version", "comparisonId");
        }
        else if (!request.Override)
        {
            throw new ConflictException($"promoting {model}:{version} needs the comparison it is approved on (comparisonId: run a retrain to compare it with the champion), or \"override\": true with a reason", "comparisonId");
        }
        var before = await CurrentAsync(model, cancellation);
        var change = await store.Models.SetAliasAsync(model, Production, version, actor, cancellation);
        var approval = await RecordAsync(model, before, version, comparison, request.Override && comparison is null, reason, Promote, actor, cancellation);
        return new PromotionOutcome(change, approval);
    }

    public async Task<PromotionOutcome> RollbackAsync(string model, string actor, string? reason, CancellationToken cancellation = default)
    {
        var history = await store.Models.AliasHistoryAsync(model, cancellation);
        // The alias history of an unknown model is just empty: name the mistake instead of "nothing to roll back".
        if (history.Count == 0 && await store.Models.ListModelNamesAsync(cancellation) is var names && !names.Contains(model))
            throw new NotFoundException($"unknown model '{model}'; registered models: {string.Join(", ", names)}", "model");
        var last = history.LastOrDefault(e => e.Alias == Production && e.ToVersion is not null)
            ?? throw new ConflictException($"{model} has never had @{Production}; there is nothing to roll back", "model");
        var current = await CurrentAsync(model, cancellation);
        if (current != last.ToVersion || last.FromVersion is not { } previous)
            throw new ConflictException($"{model}@{Production} has no earlier version to return to (its latest move assigned it {last.ToVersion} from none)", "model");
        var change = await store.Models.SetAliasAsync(model, Production, previous, actor, cancellation);
        var approval = await RecordAsync(model, current, previous, null, false, string.IsNullOrWhiteSpace(reason) ? "rollback" : reason.Trim(), Rollback, actor, cancellation);
        return new PromotionOutcome(change, approval);
    }

    /// <summary>A model's approvals and rollbacks, oldest first.</summary>
    public async Task<IReadOnlyList<PromotionApproval>> ListAsync(string model, CancellationToken cancellation = default)
    {
        await using var context = store.Database.CreateContext();
        var rows = await context.PromotionApprovals.AsNoTracking().Where(r => r.ModelName == model).OrderBy(r => r.Id).ToListAsync(cancellation);
        return rows.Select(ToRecord).ToList();
    }

    private async Task<int?> CurrentAsync(string model, CancellationToken cancellation) =>
        (await store.Models.ListAliasesAsync(model, cancellation)).FirstOrDefault(a => a.Alias == Production)?.Version;

    private async Task<PromotionApproval> RecordAsync(string model, int? from, int to, ModelComparison? comparison, bool overridden, string reason, string kind, string actor, CancellationToken cancellation)
    {
        var row = new PromotionApprovalRow
        {
            ModelName = model, FromVersion = from, ToVersion = to, ComparisonId = comparison?.Id, ValuePerDayAdded = comparison?.Value?.PerDayAdded,
            Override = overridden, Reason = reason, Kind = kind, Actor = actor, At = Clock.GetUtcNow(),
        };
        await using var context = store.Database.CreateContext();
        context.PromotionApprovals.Add(row);
        Audit.Add(context, actor, kind == Rollback ? "promotion.rollback" : "promotion.approve", $"model:{model}", row.At, new
        {
            before = from, after = to, comparison = comparison?.Id, valuePerDayAdded = comparison?.Value?.PerDayAdded,
            currency = comparison?.Value?.Currency, @override = overridden, reason,
        });
        await context.SaveChangesAsync(cancellation);
        return ToRecord(row);
    }

    private static PromotionApproval ToRecord(PromotionApprovalRow row) => new(row.Id, row.ModelName, row.FromVersion, row.ToVersion, row.ComparisonId,
        row.ValuePerDayAdded, row.Override, row.Reason, row.Kind, row.Actor, row.At);
}

using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Operate.Listings;

/// <summary>A parameter changed in the workspace: its name, the amount before and after, and the use case as saved.</summary>
public sealed record ParameterChange(string Parameter, double Before, double After, string? Unit, UseCase UseCase);

/// <summary>
/// Editing the value model from the workspace (page and API alike): who may change a parameter — a server role with
/// Deploy (scientists, admins) or a person holding the parameter's owner team role — and the change itself, written to
/// flywheel.yaml by <see cref="UseCaseEditor"/> and audited as <c>use-case.parameter.set</c> on <c>use-case:{name}</c>.
/// </summary>
public sealed class ValueEdits(MetadataStore store)
{
    public const string AuditAction = "use-case.parameter.set";

    public static ParameterSpec Parameter(UseCase useCase, string name) =>
        useCase.Value?.Parameters.FirstOrDefault(p => p.Name == name)
        ?? throw new NotFoundException($"use case '{useCase.Name}' has no value parameter '{name}'", "parameter");

    public async Task<bool> MayEditAsync(string actor, string? serverRole, ParameterSpec parameter, CancellationToken cancellation = default) =>
        (await EditableAsync(actor, serverRole, [parameter], cancellation)).Count == 1;

    /// <summary>The names of the parameters the person may change, with one look at their team roles.</summary>
    public async Task<IReadOnlyList<string>> EditableAsync(string actor, string? serverRole, IReadOnlyList<ParameterSpec> parameters, CancellationToken cancellation = default)
    {
        if (serverRole is not null && Roles.Allows(serverRole, Permission.Deploy)) return parameters.Select(p => p.Name).ToList();
        var held = await new TeamRequests(store).RolesOfAsync(actor, cancellation);
        return parameters.Where(p => TeamRoles.Find(p.Owner) is { } owner && held.Contains(owner.Id)).Select(p => p.Name).ToList();
    }

    /// <summary>Writes the new amount (the caller has checked <see cref="MayEditAsync"/>) and audits it; a stale fingerprint is a conflict.</summary>
    public async Task<ParameterChange> SetAsync(UseCase useCase, string name, double amount, string? fingerprint, string actor, CancellationToken cancellation = default)
    {
        var before = Parameter(useCase, name);
        var saved = UseCaseEditor.SetParameter(useCase.FilePath, fingerprint, name, amount, new UseCaseOptions(useCase.DataRoots));
        await store.AuditAsync(actor, AuditAction, $"use-case:{useCase.Name}", new
        {
            parameter = name, before = before.Value, after = amount, unit = before.Unit, file = Path.GetFileName(useCase.FilePath),
        }, cancellation);
        return new ParameterChange(name, before.Value, amount, before.Unit, saved);
    }

    /// <summary>The use case with parameters set to other amounts in memory only: what the page draws while someone edits.</summary>
    public static UseCase WithAmounts(UseCase useCase, IReadOnlyDictionary<string, double> amounts)
    {
        if (useCase.Value is not { } value || amounts.Count == 0) return useCase;
        var parameters = value.Parameters.Select(p => amounts.TryGetValue(p.Name, out var amount) ? p with { Value = amount } : p).ToList();
        return useCase with { Value = value with { Parameters = parameters } };
    }
}

using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Evaluation;
using Flywheel.UseCases;
using Flywheel.Value;
using Flywheel.Value.Plans;

namespace Flywheel.Workflows;

/// <summary>
/// Prices the staged plan of a use case, every step on the same metric: a manual step from the figures the team
/// declared, a rule step measured on the test split (and registered as the model <c>&lt;use case&gt;-&lt;step&gt;</c>,
/// idempotently), an ML step from its registered model's stored test evaluation (default <c>&lt;use case&gt;@candidate</c>).
/// </summary>
public static class PlanWorkflow
{
    public static PlanResult Run(UseCase useCase, Storage.StoreOptions? storeSpec = null) => RunAsync(useCase, storeSpec).GetAwaiter().GetResult();

    public static async Task<PlanResult> RunAsync(UseCase useCase, Storage.StoreOptions? storeSpec = null, CancellationToken cancellation = default)
    {
        var plan = useCase.Plan
            ?? throw new InputException("the use case has no 'plan' section; add one with 'metric' and 'steps' (see docs/plan.md)", useCase.FilePath, 1, 1);
        var model = useCase.Value is { } section ? ValueModel.Build(section, useCase.FilePath, UnitCatalog.DeclaredCounts(useCase.Units)) : null;
        ColumnTable? table = null;
        var steps = new List<PlanStepResult>();
        foreach (var step in plan.Steps)
        {
            switch (step.Kind)
            {
                case PlanStepKind.Manual:
                    steps.Add(PlanPricing.Price(useCase, model, step, PlanPricing.Declared(step, UnitCatalog.DeclaredCounts(useCase.Units)), $"declared by {step.Owner ?? "the team"}"));
                    break;
                case PlanStepKind.Rule:
                    var source = SourceSpec.FromUseCase(useCase);
                    var key = RuleKey(useCase, step, source, storeSpec);
                    if (!MeasuredRules.TryGet(key, out var rule))
                    {
                        table ??= ColumnTableReader.Read(source);
                        var measured = RuleStepEvaluation.Evaluate(useCase, step, table);
                        var published = await RulePublisher.PublishAsync(useCase, measured, storeSpec, cancellation);
                        rule = (measured.Test, $"{published.Version.ModelName}:{published.Version.Version}");
                        MeasuredRules.Set(key, rule);
                    }
                    steps.Add(PlanPricing.Price(useCase, model, step, ValueVariables.Quantities(rule.Test),
                        $"measured on the test split ({rule.Test.Rows:N0} rows)", rule.Model));
                    break;
                default:
                    steps.Add(await MlStepAsync(useCase, model, step, storeSpec, cancellation));
                    break;
            }
        }
        var horizon = steps.FirstOrDefault(s => s.Payback is not null)?.Payback?.HorizonDays ?? 3 * UnitCatalog.DaysPerYear;
        return new PlanResult(useCase, plan.Metric, steps, horizon);
    }

    // A rule measured and registered in this process, by everything its figures depend on: the file as read (rule,
    // prices, split, seed), the data file as it is now and the store it was registered in. A server's plan page then
    // prices the plan without reading the data and writing a package on every visit.
    private static readonly BoundedMemo<(Evaluation.Results.EvaluationReport Test, string Model)> MeasuredRules = new(64);

    private static string RuleKey(UseCase useCase, PlanStepSpec step, SourceSpec source, Storage.StoreOptions? storeSpec)
    {
        var data = new FileInfo(source.FilePath);
        return string.Join('|', useCase.FilePath, useCase.Fingerprint, step.Name, data.FullName, data.Length, data.LastWriteTimeUtc.Ticks, storeSpec?.Store ?? "", storeSpec?.ArtifactRoot ?? "");
    }

    private static async Task<PlanStepResult> MlStepAsync(UseCase useCase, ValueModel? model, PlanStepSpec step, Storage.StoreOptions? storeSpec, CancellationToken cancellation)
    {
        var reference = step.Model?.Value ?? $"{useCase.Name}@{ModelPublisher.CandidateAlias}";
        var (catalog, parsed) = Registry.ModelCatalog.ForReference(reference, useCase.Directory, storeSpec);
        (Evaluation.Results.EvaluationReport Test, string Name) measured;
        try
        {
            measured = await StoredEvaluation.TestAsync(catalog, parsed, cancellation);
        }
        catch (NotFoundException error) when (step.Model is null)
        {
            // No model trained yet: the step cannot be judged, which is a state of the plan, not a mistake.
            return PlanPricing.Price(useCase, model, step, null, $"no model {reference} yet ({error.Message.Split(';')[0]}): run 'flywheel train'", reference);
        }
        return PlanPricing.Price(useCase, model, step, ValueVariables.Quantities(measured.Test),
            $"measured on the test split ({measured.Test.Rows:N0} rows)", measured.Name);
    }
}

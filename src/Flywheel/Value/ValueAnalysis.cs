using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>What to compute besides the scenarios: one scenario only (beside the base), and an optional goal seek.</summary>
public sealed record ValueAnalysisOptions(string? Scenario = null, string? SeekParameter = null, double? TargetRoi = null)
{
    public static ValueAnalysisOptions Default { get; } = new();
}

/// <summary>Everything the <c>value</c> command and the value report show, computed once.</summary>
public sealed record ValueAnalysisResult(
    UseCase UseCase,
    ValueModel Model,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<SensitivityRow> Sensitivity,
    SeekResult? Seek)
{
    public ScenarioResult Base => Scenarios[0];
}

/// <summary>The way in for hosts: load the value model of a use case, evaluate the scenarios, sweep, and seek.</summary>
public static class ValueAnalysis
{
    public static ValueAnalysisResult Run(UseCase useCase, ValueAnalysisOptions? options = null, IReadOnlyDictionary<string, Quantity>? externals = null)
    {
        options ??= ValueAnalysisOptions.Default;
        var model = ValueModel.Load(useCase);
        var names = options.Scenario is null ? model.ScenarioNames : [ScenarioResult.Base, options.Scenario];
        var scenarios = names.Distinct().Select(name => model.Evaluate(name, externals)).ToList();
        var sensitivity = SensitivityAnalysis.Run(model, null, externals);
        SeekResult? seek = null;
        if (options.SeekParameter is { } parameter)
        {
            var goal = new SeekGoal(options.TargetRoi);
            seek = GoalSeek.Run(model, parameter, goal, options.Scenario, externals);
        }
        else if (options.TargetRoi is not null)
        {
            throw new InputException("--target-roi needs --seek PARAMETER: the parameter to solve for");
        }
        return new ValueAnalysisResult(useCase, model, scenarios, sensitivity, seek);
    }
}

using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>What to compute besides the scenarios: one scenario only (beside the base), and an optional goal seek.</summary>
public sealed record ValueAnalysisOptions(string? Scenario = null, string? SeekParameter = null, double? TargetRoi = null)
{
    public static ValueAnalysisOptions Default { get; } = new();
}

/// <summary>
/// Everything the <c>value</c> command and the value report show, computed once. <see cref="Measured"/> names the
/// model whose measured figures were used, or is null when there is none (yet).
/// </summary>
public sealed record ValueAnalysisResult(
    UseCase UseCase,
    ValueModel Model,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<SensitivityRow> Sensitivity,
    SeekResult? Seek,
    MeasuredVariables? Measured = null)
{
    public ScenarioResult Base => Scenarios[0];

    /// <summary>
    /// The names the value model takes from a model: its dotted parameters (placeholders until measured) and the
    /// dotted names its expressions read without defining them, in the order they appear.
    /// </summary>
    public IReadOnlyList<string> ModelVariables =>
        Model.Parameters.Select(parameter => parameter.Name).Where(name => name.Contains('.'))
            .Concat(Model.Expressions().SelectMany(expression => expression.References()).Select(reference => reference.Name)
                .Where(name => name.Contains('.') && Model.FindParameter(name) is null && Model.FindFormula(name) is null))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public bool IsMeasured(string name) => Measured?.Values.ContainsKey(name) == true;

    /// <summary>
    /// Where a model variable's figure comes from: the measurement's label, or that it is still the placeholder
    /// declared in the file. Null for a name that is not a model variable.
    /// </summary>
    public string? SourceOf(string name)
    {
        if (IsMeasured(name)) return Measured!.LabelOf(name);
        if (!name.Contains('.')) return null;
        return Measured is null ? MeasuredVariables.NoModelYet : $"placeholder — model {Measured.Model} does not measure it";
    }
}

/// <summary>The way in for hosts: load the value model of a use case, evaluate the scenarios, sweep, and seek.</summary>
public static class ValueAnalysis
{
    /// <param name="externals">Figures to use as given (they win over <paramref name="measured"/>).</param>
    /// <param name="measured">A model's measured figures: they replace the same-named parameters and are labelled in the result.</param>
    public static ValueAnalysisResult Run(UseCase useCase, ValueAnalysisOptions? options = null, IReadOnlyDictionary<string, Quantity>? externals = null,
        MeasuredVariables? measured = null)
    {
        options ??= ValueAnalysisOptions.Default;
        var model = ValueModel.Load(useCase);
        externals = Combine(measured?.Values, externals);
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
        return new ValueAnalysisResult(useCase, model, scenarios, sensitivity, seek, measured);
    }

    private static IReadOnlyDictionary<string, Quantity>? Combine(IReadOnlyDictionary<string, Quantity>? measured, IReadOnlyDictionary<string, Quantity>? given)
    {
        if (measured is null) return given;
        if (given is null) return measured;
        var all = new Dictionary<string, Quantity>(measured, StringComparer.Ordinal);
        foreach (var (name, value) in given) all[name] = value;
        return all;
    }
}

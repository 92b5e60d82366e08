using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>
/// The value model of a use case: parameters, formulas (a graph, cycles refused), the value expression, costs, horizon
/// and scenarios. Built once from the <c>value</c> section — every parse, name and cycle mistake is found here — then
/// evaluated per scenario, optionally with external variables from later stages (<c>model.recall</c>,
/// <c>decision.value_per_day</c>) that override or complete the parameters.
/// </summary>
public sealed class ValueModel
{
    /// <summary>When the file gives no horizon, payback is judged over three years.</summary>
    public const string DefaultHorizon = "3 year";

    private readonly Dictionary<string, ValueParameter> _parameters;
    private readonly Dictionary<string, FormulaDefinition> _formulas;
    private readonly Dictionary<string, ScenarioDefinition> _scenarios;

    private ValueModel(
        string file,
        IReadOnlyList<ValueParameter> parameters,
        IReadOnlyList<FormulaDefinition> formulas,
        FormulaDefinition value,
        CostDefinitions costs,
        FormulaDefinition horizon,
        IReadOnlyList<ScenarioDefinition> scenarios)
    {
        File = file;
        Parameters = parameters;
        Formulas = formulas;
        Value = value;
        Costs = costs;
        Horizon = horizon;
        Scenarios = scenarios;
        _parameters = parameters.ToDictionary(parameter => parameter.Name, StringComparer.Ordinal);
        _formulas = formulas.ToDictionary(formula => formula.Name, StringComparer.Ordinal);
        _scenarios = scenarios.ToDictionary(scenario => scenario.Name, StringComparer.Ordinal);
    }

    public string File { get; }
    public IReadOnlyList<ValueParameter> Parameters { get; }
    public IReadOnlyList<FormulaDefinition> Formulas { get; }
    public FormulaDefinition Value { get; }
    public CostDefinitions Costs { get; }
    public FormulaDefinition Horizon { get; }
    public IReadOnlyList<ScenarioDefinition> Scenarios { get; }

    /// <summary>The base scenario followed by the named ones.</summary>
    public IReadOnlyList<string> ScenarioNames => Scenarios.Select(scenario => scenario.Name).Prepend(ScenarioResult.Base).ToList();

    public static ValueModel Load(UseCase useCase) =>
        useCase.Value is { } section
            ? Build(section, useCase.FilePath, UnitCatalog.DeclaredCounts(useCase.Units))
            : throw new InputException("the use case has no 'value' section; add parameters and a 'value' formula (see 'flywheel init --template blank')", useCase.FilePath, 1, 1);

    /// <param name="counts">Count units declared in the use case's <c>units.counts</c>, beside the built-in ones.</param>
    public static ValueModel Build(ValueSection section, string file, IReadOnlySet<string>? counts = null) =>
        new ValueModelBuilder(section, file, counts).Build();

    internal static ValueModel Create(
        string file, IReadOnlyList<ValueParameter> parameters, IReadOnlyList<FormulaDefinition> formulas, FormulaDefinition value,
        CostDefinitions costs, FormulaDefinition horizon, IReadOnlyList<ScenarioDefinition> scenarios) =>
        new(file, parameters, formulas, value, costs, horizon, scenarios);

    /// <summary>Every expression of the model: formulas, the value, the costs, the horizon and the scenario overrides.</summary>
    public IEnumerable<Expression> Expressions() =>
        Formulas.Append(Value).Append(Costs.Development).Append(Costs.Operation).Append(Costs.Delay).Append(Horizon)
            .Concat(Scenarios.SelectMany(scenario => scenario.Overrides.Values))
            .OfType<FormulaDefinition>()
            .Select(definition => definition.Expression);

    public ValueParameter? FindParameter(string name) => _parameters.GetValueOrDefault(name);

    public FormulaDefinition? FindFormula(string name) => _formulas.GetValueOrDefault(name);

    public ScenarioDefinition? FindScenario(string name) => _scenarios.GetValueOrDefault(name);

    /// <summary>
    /// Evaluates one scenario (null or "base" for the base). <paramref name="externals"/> win over everything: they set
    /// parameters (sensitivity, goal seek) or provide dotted names such as <c>model.recall</c> that later stages compute.
    /// </summary>
    public ScenarioResult Evaluate(string? scenario = null, IReadOnlyDictionary<string, Quantity>? externals = null)
    {
        ScenarioDefinition? definition = null;
        if (scenario is not null && scenario != ScenarioResult.Base)
        {
            definition = FindScenario(scenario) ?? throw new InputException(
                $"no scenario '{scenario}'; the scenarios are: {string.Join(", ", ScenarioNames)}", File);
        }
        return new ModelEvaluation(this, definition, externals ?? new Dictionary<string, Quantity>()).Run();
    }

    /// <summary>
    /// Like <see cref="Evaluate"/>, but computes only the value, costs, horizon and payback (what a sweep compares);
    /// the result's parameter and formula tables are empty. An error in a formula nothing reads is not found here.
    /// </summary>
    internal ScenarioResult EvaluateHeadline(string? scenario, IReadOnlyDictionary<string, Quantity> externals)
    {
        ScenarioDefinition? definition = null;
        if (scenario is not null && scenario != ScenarioResult.Base)
            definition = FindScenario(scenario) ?? throw new InputException($"no scenario '{scenario}'; the scenarios are: {string.Join(", ", ScenarioNames)}", File);
        return new ModelEvaluation(this, definition, externals).Run(everything: false);
    }

    /// <summary>The base and every scenario, side by side.</summary>
    public IReadOnlyList<ScenarioResult> EvaluateAll(IReadOnlyDictionary<string, Quantity>? externals = null) =>
        ScenarioNames.Select(name => Evaluate(name, externals)).ToList();
}

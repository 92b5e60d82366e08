namespace Flywheel.Value;

/// <summary>One evaluation of a value model: resolves names lazily (externals, then scenario overrides, then the model), memoizes, and names any cycle.</summary>
internal sealed class ModelEvaluation(ValueModel model, ScenarioDefinition? scenario, IReadOnlyDictionary<string, Quantity> externals) : INameScope
{
    private readonly Dictionary<string, Quantity> _values = new(StringComparer.Ordinal);
    private readonly List<string> _path = [];

    /// <param name="everything">
    /// False computes only what the value, costs and horizon read (the parameter and formula tables stay empty): a
    /// sensitivity sweep evaluates the model twice per parameter, and filling every table each time made it quadratic.
    /// </param>
    public ScenarioResult Run(bool everything = true)
    {
        var parameters = everything
            ? model.Parameters.ToDictionary(parameter => parameter.Name, parameter => Get(parameter.Name, model.Value.Source), StringComparer.Ordinal)
            : new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var formulas = everything
            ? model.Formulas.ToDictionary(formula => formula.Name, formula => Get(formula.Name, formula.Source), StringComparer.Ordinal)
            : new Dictionary<string, Quantity>(StringComparer.Ordinal);

        var value = Evaluate(model.Value);
        if (!value.Dimension.IsCurrencyRate)
        {
            var hint = value.Dimension.IsCurrencyAmount ? $" — a one-off amount; divide by a time, e.g. '/ 1 month'" : "";
            throw model.Value.Source.Error($"must be money per time (e.g. JPY/day or JPY/month), but it is {Describe(value)}{hint}");
        }
        var currency = value.Dimension.Currency!;
        var operation = Cost(model.Costs.Operation, value.Dimension, "money per time like the value", zero: new Quantity(0, value.Dimension));
        var development = Cost(model.Costs.Development, Dimension.Of(currency), $"an amount of {currency}", zero: new Quantity(0, Dimension.Of(currency)));
        var delay = Cost(model.Costs.Delay, Dimension.Of(Dimension.Time), "a time such as '3 month'", zero: new Quantity(0, Dimension.Of(Dimension.Time)));
        var horizon = Cost(model.Horizon, Dimension.Of(Dimension.Time), "a time such as '3 year'", zero: default);
        if (horizon.Value <= 0) throw model.Horizon.Source.Error("must be a positive time such as '3 year'");
        if (delay.Value < 0) throw model.Costs.Delay!.Source.Error("must not be negative");
        if (development.Value < 0) throw model.Costs.Development!.Source.Error("must not be negative; savings belong in the value");
        if (operation.Value < 0) throw model.Costs.Operation!.Source.Error("must not be negative; savings belong in the value");

        var payback = new Payback(currency, value.Value, operation.Value, development.Value, delay.Value, horizon.Value);
        return new ScenarioResult(scenario?.Name ?? ScenarioResult.Base, parameters, formulas, value, operation, development, delay, horizon, payback);
    }

    public Quantity Resolve(NameReference name, FormulaSource source) => Get(name.Name, source, name.At);

    public string Describe(string name) =>
        model.FindParameter(name) is not null ? $"parameter '{name}'" : model.FindFormula(name) is not null ? $"formula '{name}'" : $"'{name}'";

    private Quantity Cost(FormulaDefinition? definition, Dimension expected, string description, Quantity zero)
    {
        if (definition is null) return zero;
        var quantity = Evaluate(definition);
        return quantity.Dimension.Equals(expected)
            ? quantity
            : throw definition.Source.Error($"must be {description} ({expected}), but it is {Describe(quantity)}");
    }

    private Quantity Evaluate(FormulaDefinition definition) => Checked(FormulaEvaluator.Evaluate(definition.Expression, definition.Source, this), definition.Source);

    private Quantity Get(string name, FormulaSource askedFrom, TextPosition? at = null)
    {
        if (_values.TryGetValue(name, out var known)) return known;
        if (_path.Contains(name))
        {
            var cycle = _path.Skip(_path.IndexOf(name)).Append(name);
            throw askedFrom.Error(at ?? new TextPosition(1, 1), $"formulas form a cycle: {string.Join(" → ", cycle)}");
        }
        _path.Add(name);
        try
        {
            var value = Compute(name, askedFrom, at);
            _values[name] = value;
            return value;
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private Quantity Compute(string name, FormulaSource askedFrom, TextPosition? at)
    {
        var parameter = model.FindParameter(name);
        if (externals.TryGetValue(name, out var external))
        {
            if (parameter is not null && !external.Dimension.Equals(parameter.Unit.Dimension))
                throw new InputException($"the external value for '{name}' is {Describe(external)} but the parameter is {parameter.Unit.Dimension}", model.File, parameter.Position.Line, parameter.Position.Column);
            return external;
        }
        if (scenario is not null && scenario.Overrides.TryGetValue(name, out var replacement))
            return Override(parameter, replacement);
        if (parameter is not null) return parameter.Value;
        if (model.FindFormula(name) is { } formula) return CheckDisplayUnit(formula, Evaluate(formula));
        throw askedFrom.Error(at ?? new TextPosition(1, 1),
            $"'{name}' is an external variable that a later stage provides, and none was given; define it as a parameter to give it a default");
    }

    private Quantity Override(ValueParameter? parameter, FormulaDefinition replacement)
    {
        // A plain number replaces the parameter's amount in the parameter's own unit: "after_people: 10".
        if (parameter is not null && replacement.Expression is Literal { Unit.Text: "" } literal)
            return parameter.Unit.Of(literal.Amount);
        if (parameter is not null && replacement.Expression is Negation { Operand: Literal { Unit.Text: "" } negated })
            return parameter.Unit.Of(-negated.Amount);
        var value = Evaluate(replacement);
        if (parameter is not null && !value.Dimension.Equals(parameter.Unit.Dimension))
            throw replacement.Source.Error($"is {Describe(value)} but the parameter '{parameter.Name}' is {parameter.Unit.Text}");
        return value;
    }

    // A formula that states its unit must have that unit's dimension: the statement doubles as a check.
    private static Quantity CheckDisplayUnit(FormulaDefinition formula, Quantity value) =>
        formula.DisplayUnit is not { } unit || unit.Dimension.Equals(value.Dimension)
            ? value
            : throw formula.Source.Error($"is {Describe(value)}, but its unit says {unit.Text} ({(unit.Dimension.IsNone ? "a plain number" : unit.Dimension)})");

    private static Quantity Checked(Quantity quantity, FormulaSource source) =>
        double.IsFinite(quantity.Value) ? quantity : throw source.Error($"the result is not a finite number ({quantity.Value})");

    private static string Describe(Quantity quantity) => quantity.IsDimensionless ? "a plain number" : quantity.UnitText;
}

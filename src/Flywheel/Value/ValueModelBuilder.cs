using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>Turns the <c>value</c> section into a <see cref="ValueModel"/>, refusing bad names, units, formulas and cycles.</summary>
internal sealed class ValueModelBuilder(ValueSection section, string file, IReadOnlySet<string>? counts = null)
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private FormulaParser _parser = new(counts: counts);

    public ValueModel Build()
    {
        foreach (var spec in section.Parameters) Declare(spec.Name, spec.Position, "parameter");
        foreach (var spec in section.Formulas) Declare(spec.Name, spec.Expression.Position, "formula");
        _parser = new FormulaParser(_names.Contains, counts);

        var parameters = section.Parameters.Select(ReadParameter).ToList();
        var formulas = section.Formulas.Select(ReadFormula).ToList();
        var value = Parse(section.Value, "value", "value");
        var costs = new CostDefinitions(
            ParseOptional(section.Costs.Development, "costs.development"),
            ParseOptional(section.Costs.Operation, "costs.operation"),
            ParseOptional(section.Costs.Delay, "costs.delay"));
        var horizonText = section.Horizon ?? new Positioned<string>(ValueModel.DefaultHorizon, new SourcePosition(file, 1, 1));
        var horizon = Parse(horizonText, "horizon", "horizon");
        var scenarios = section.Scenarios.Select(ReadScenario).ToList();

        var all = formulas.Concat([value, horizon]).Concat(new[] { costs.Development, costs.Operation, costs.Delay }.OfType<FormulaDefinition>())
            .Concat(scenarios.SelectMany(scenario => scenario.Overrides.Values));
        foreach (var definition in all) RejectUndefinedNames(definition);
        RejectCycles(formulas);
        return ValueModel.Create(file, parameters, formulas, value, costs, horizon, scenarios);
    }

    private void Declare(string name, SourcePosition position, string kind)
    {
        // The formula tokenizer's alphabet: a name written in the file must be one a formula can refer to.
        if (!FormulaTokenizer.IsName(name))
            throw position.Error($"'{name}' is not a valid {kind} name: start with a letter or '_', then letters, digits or '_' (dots separate parts, as in model.recall)");
        if (!_names.Add(name))
            throw position.Error($"the name '{name}' is defined twice; parameters and formulas share one namespace");
    }

    private ValueParameter ReadParameter(ParameterSpec spec)
    {
        var unit = spec.Unit is null
            ? Unit.One
            : _parser.ParseUnit(new FormulaSource(spec.Unit, spec.UnitPosition ?? spec.Position, $"unit of parameter '{spec.Name}'"));
        return new ValueParameter(spec.Name, spec.Value, unit, spec.Range, spec.Description, spec.Owner, spec.Position);
    }

    private FormulaDefinition ReadFormula(FormulaSpec spec)
    {
        var formula = Parse(spec.Expression, spec.Name, $"formula '{spec.Name}'");
        var unit = spec.Unit is null ? null : _parser.ParseUnit(FormulaSource.From(spec.Unit, $"unit of formula '{spec.Name}'"));
        return formula with { DisplayUnit = unit, Description = spec.Description };
    }

    private FormulaDefinition Parse(Positioned<string> text, string name, string label)
    {
        var source = FormulaSource.From(text, label);
        return new FormulaDefinition(name, _parser.Parse(source), source);
    }

    private FormulaDefinition? ParseOptional(Positioned<string>? text, string label) => text is null ? null : Parse(text, label, label);

    private ScenarioDefinition ReadScenario(ScenarioSpec spec)
    {
        var overrides = new Dictionary<string, FormulaDefinition>(StringComparer.Ordinal);
        foreach (var entry in spec.Overrides)
        {
            if (!_names.Contains(entry.Name))
            {
                throw entry.Expression.Position.Error(
                    $"scenario '{spec.Name}' sets '{entry.Name}', which is neither a parameter nor a formula; the names are: {string.Join(", ", _names)}");
            }
            overrides[entry.Name] = Parse(entry.Expression, entry.Name, $"scenario '{spec.Name}', '{entry.Name}'");
        }
        return new ScenarioDefinition(spec.Name, overrides, spec.Position);
    }

    // Dotted names (model.recall, decision.value_per_day) are external variables that later stages provide at evaluation.
    private void RejectUndefinedNames(FormulaDefinition definition)
    {
        foreach (var reference in definition.Expression.References())
        {
            if (_names.Contains(reference.Name) || reference.Name.Contains('.')) continue;
            var hint = UnitCatalog.IsUnit(reference.Name) ? $"; to write a unit put a number before it, e.g. '1 {reference.Name}'" : "";
            throw definition.Source.Error(reference.At,
                $"'{reference.Name}' is not defined; the parameters and formulas are: {string.Join(", ", _names)}{hint}");
        }
    }

    private static void RejectCycles(IReadOnlyList<FormulaDefinition> formulas)
    {
        var byName = formulas.ToDictionary(formula => formula.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(FormulaDefinition formula)
        {
            if (done.Contains(formula.Name)) return;
            var start = path.IndexOf(formula.Name);
            if (start >= 0)
            {
                var cycle = path.Skip(start).Append(formula.Name);
                throw formula.Source.Error($"formulas form a cycle: {string.Join(" → ", cycle)}");
            }
            path.Add(formula.Name);
            foreach (var reference in formula.Expression.References())
            {
                if (byName.TryGetValue(reference.Name, out var next)) Visit(next);
            }
            path.RemoveAt(path.Count - 1);
            done.Add(formula.Name);
        }

        foreach (var formula in formulas) Visit(formula);
    }
}

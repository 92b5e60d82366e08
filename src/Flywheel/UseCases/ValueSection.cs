using System.Globalization;
using System.Text.RegularExpressions;

namespace Flywheel.UseCases;

/// <summary>The <c>value</c> section: parameters, formulas, the value expression, costs, horizon and scenarios. Expressions are kept as text with their position; the Value stage parses them.</summary>
public sealed record ValueSection(
    IReadOnlyList<ParameterSpec> Parameters,
    IReadOnlyList<FormulaSpec> Formulas,
    Positioned<string> Value,
    CostsSpec Costs,
    Positioned<string>? Horizon,
    IReadOnlyList<ScenarioSpec> Scenarios);

/// <summary>A parameter: a number with an optional unit, range, description and owning role or team.</summary>
public sealed record ParameterSpec(
    string Name,
    double Value,
    string? Unit,
    (double Low, double High)? Range,
    string? Description,
    string? Owner,
    SourcePosition Position,
    SourcePosition? UnitPosition = null);

/// <summary>A named expression; a formula may state the unit it is shown in (<c>customers/month</c>) and describe itself.</summary>
public sealed record FormulaSpec(string Name, Positioned<string> Expression, Positioned<string>? Unit = null, string? Description = null);

/// <summary>Costs as quantity expressions, e.g. <c>10000000 JPY</c>, <c>100000 JPY/month</c>, <c>3 month</c>.</summary>
public sealed record CostsSpec(Positioned<string>? Development, Positioned<string>? Operation, Positioned<string>? Delay);

/// <summary>A named set of parameter overrides; each override is an expression (usually a plain number).</summary>
public sealed record ScenarioSpec(string Name, IReadOnlyList<FormulaSpec> Overrides, SourcePosition Position);

internal static partial class ValueSectionReader
{
    public static ValueSection Read(MappingReader section)
    {
        var parameters = new List<ParameterSpec>();
        if (section.Mapping("parameters") is { } parameterMap)
        {
            foreach (var (key, node) in parameterMap.Entries())
                parameters.Add(ReadParameter(parameterMap, key, node));
        }

        var formulas = new List<FormulaSpec>();
        if (section.Mapping("formulas") is { } formulaMap)
        {
            foreach (var (key, node) in formulaMap.Entries())
                formulas.Add(ReadFormula(formulaMap, key, node));
        }

        var value = section.RequiredExpression("value");
        var costs = new CostsSpec(null, null, null);
        if (section.Mapping("costs", UseCaseKeys.Costs) is { } costMap)
        {
            costs = new CostsSpec(costMap.Expression("development"), costMap.Expression("operation"), costMap.Expression("delay"));
            costMap.RejectUnknownKeys();
        }

        var horizon = section.Expression("horizon");
        var scenarios = new List<ScenarioSpec>();
        if (section.Mapping("scenarios") is { } scenarioMap)
        {
            foreach (var (key, node) in scenarioMap.Entries())
            {
                var overrides = new MappingReader(node, section.File, $"value.scenarios.{key.Value}");
                var list = overrides.Entries()
                    .Select(entry => new FormulaSpec(entry.Key.Value, overrides.ExpressionOf(entry.Value, entry.Key.Value)))
                    .ToList();
                scenarios.Add(new ScenarioSpec(key.Value, list, key.Position));
            }
        }

        section.RejectUnknownKeys();
        return new ValueSection(parameters, formulas, value, costs, horizon, scenarios);
    }

    private static FormulaSpec ReadFormula(MappingReader parent, Positioned<string> key, YamlDotNet.RepresentationModel.YamlNode node)
    {
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode) return new FormulaSpec(key.Value, parent.ExpressionOf(node, key.Value));
        var formula = new MappingReader(node, parent.File, $"value.formulas.{key.Value}", UseCaseKeys.Formula);
        var spec = new FormulaSpec(key.Value, formula.RequiredExpression("formula"), formula.Expression("unit"), formula.String("description")?.Value);
        formula.RejectUnknownKeys();
        return spec;
    }

    private static ParameterSpec ReadParameter(MappingReader parent, Positioned<string> key, YamlDotNet.RepresentationModel.YamlNode node)
    {
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode)
        {
            var (amount, written) = AmountAndUnit(parent.ExpressionOf(node, key.Value), $"value.parameters.{key.Value}");
            return new ParameterSpec(key.Value, amount, written?.Value, null, null, null, key.Position, written?.Position);
        }

        var parameter = new MappingReader(node, parent.File, $"value.parameters.{key.Value}", UseCaseKeys.Parameter);
        var (value, inlineUnit) = AmountAndUnit(parameter.RequiredExpression("value"), $"value.parameters.{key.Value}.value");
        var unit = parameter.Expression("unit");
        if (unit is not null && inlineUnit is not null)
            throw unit.Position.Error($"'value.parameters.{key.Value}' has a unit both in 'value' and in 'unit'; keep one");
        unit ??= inlineUnit;
        (double, double)? range = null;
        if (parameter.Node("range") is { } rangeNode)
        {
            if (rangeNode is not YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: 2 } pair)
                throw parameter.At(rangeNode, $"'value.parameters.{key.Value}.range' must be a list of two numbers: [low, high]");
            var low = parameter.NumberOf(pair.Children[0], "range");
            var high = parameter.NumberOf(pair.Children[1], "range");
            if (low > high) throw parameter.At(rangeNode, $"'value.parameters.{key.Value}.range' has low {low} above high {high}");
            range = (low, high);
        }
        var description = parameter.String("description")?.Value;
        var owner = parameter.String("owner")?.Value;
        parameter.RejectUnknownKeys();
        return new ParameterSpec(key.Value, value, unit?.Value, range, description, owner, key.Position, unit?.Position);
    }

    /// <summary>Splits "1200 JPY/h" into 1200 and the unit text (positioned where it starts); "0.6" has no unit.</summary>
    private static (double Amount, Positioned<string>? Unit) AmountAndUnit(Positioned<string> text, string field)
    {
        var match = AmountPattern().Match(text.Value);
        if (!match.Success || !double.TryParse(match.Groups["number"].Value.Replace("_", "", StringComparison.Ordinal),
                NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            throw text.Position.Error($"'{field}' must be a number, optionally followed by a unit (e.g. '1200 JPY/h'), not '{text.Value}'");
        var unit = match.Groups["unit"];
        return unit.Length == 0
            ? (amount, null)
            : (amount, new Positioned<string>(unit.Value, text.Position with { Column = text.Position.Column + unit.Index }));
    }

    [GeneratedRegex(@"^\s*(?<number>[-+]?([0-9][0-9_]*(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)\s*(?<unit>\S.*?)?\s*$")]
    private static partial Regex AmountPattern();
}

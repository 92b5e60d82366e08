namespace Flywheel.Value;

/// <summary>
/// Figures a later stage measured — a model's <c>decision.*</c> and <c>model.*</c> variables on its test rows — and
/// which model they come from. They replace same-named parameters of the value model (the placeholders a team declares
/// until a model exists) and supply the dotted names it does not declare. <see cref="Units"/> holds the unit each
/// figure is shown in (h/day rather than the plain number it is in base units). <see cref="Sources"/> labels figures
/// measured elsewhere than the model's evaluation (the review queue's <c>review.*</c>), added with <see cref="With"/>.
/// </summary>
public sealed record MeasuredVariables(string Model, string On, IReadOnlyDictionary<string, Quantity> Values, IReadOnlyDictionary<string, Unit>? Units = null,
    IReadOnlyDictionary<string, string>? Sources = null)
{
    /// <summary>The label of a parameter that stands in for a measured figure while no model exists.</summary>
    public const string NoModelYet = "placeholder — no model trained yet";

    /// <summary>"measured on test, model telco-churn:3": how every measured figure is labelled.</summary>
    public string Label => $"measured on {On}, model {Model}";

    /// <summary>From amounts with unit texts in the Value stage's unit language ("" for a plain number).</summary>
    public static MeasuredVariables From(string model, string on, IReadOnlyDictionary<string, (double Amount, string Unit)> amounts)
    {
        var units = amounts.ToDictionary(pair => pair.Key, pair => pair.Value.Unit.Length == 0 ? Unit.One : Unit.Parse(pair.Value.Unit), StringComparer.Ordinal);
        var values = amounts.ToDictionary(pair => pair.Key, pair => units[pair.Key].Of(pair.Value.Amount), StringComparer.Ordinal);
        return new MeasuredVariables(model, on, values, units);
    }

    /// <summary>Where the figure <paramref name="name"/> was measured: its own source, else <see cref="Label"/>.</summary>
    public string LabelOf(string name) => Sources?.GetValueOrDefault(name) ?? Label;

    /// <summary>These figures and <paramref name="amounts"/> (which win on a shared name), the latter labelled <paramref name="source"/>.</summary>
    public MeasuredVariables With(string source, IReadOnlyDictionary<string, (double Amount, string Unit)> amounts)
    {
        var added = From(Model, On, amounts);
        return this with
        {
            Values = Merge(Values, added.Values),
            Units = Merge(Units ?? new Dictionary<string, Unit>(), added.Units!),
            Sources = Merge(Sources ?? new Dictionary<string, string>(), amounts.Keys.ToDictionary(name => name, _ => source, StringComparer.Ordinal)),
        };
    }

    private static Dictionary<string, T> Merge<T>(IReadOnlyDictionary<string, T> first, IReadOnlyDictionary<string, T> second)
    {
        var all = new Dictionary<string, T>(first, StringComparer.Ordinal);
        foreach (var (name, value) in second) all[name] = value;
        return all;
    }

    /// <summary>A measured figure in its own unit, for display.</summary>
    public AmountDocument Amount(string name) => AmountDocument.Of(Values[name], Units?.GetValueOrDefault(name));
}

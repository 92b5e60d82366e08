using Flywheel.UseCases;

namespace Flywheel.Value.Plans;

/// <summary>
/// Prices one plan step from its figures. The figures are named quantities: declared by the team for a manual step,
/// measured on the test split for a rule or ML step (<c>decision.value_per_day</c>, <c>model.recall</c>, …). From them:
/// the metric (<c>metric</c>, else the plan metric's figure), the value per day (a declared <c>value_per_day</c>, else
/// the value model evaluated with the figures as its external variables, else <c>decision.value_per_day</c>), the
/// payback with the step's own costs (<see cref="Value.Payback"/>), and the go/no-go criterion, a comparison over the
/// figures such as <c>value_per_day &gt; 100000 JPY/day</c>.
/// </summary>
public static class PlanPricing
{
    public const string MetricFigure = "metric";
    public const string ValueFigure = "value_per_day";
    public const string DecisionValueFigure = "decision.value_per_day";

    private static readonly INameScope NoNames = new FigureScope(new Dictionary<string, Quantity>(), "");

    /// <summary>A manual step's declared figures, each a quantity such as <c>30000 JPY/day</c> or <c>0.2</c>.</summary>
    /// <param name="counts">Count units declared in the use case's <c>units.counts</c>.</param>
    public static IReadOnlyDictionary<string, Quantity> Declared(PlanStepSpec step, IReadOnlySet<string>? counts = null)
    {
        var figures = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var figure in step.Measured)
        {
            var source = FormulaSource.From(figure.Expression, $"plan step '{step.Name}', measured '{figure.Name}'");
            figures[figure.Name] = Constant(source, counts);
        }
        return figures;
    }

    /// <param name="figures">Null when the step has none yet (no model registered): the verdict is then null.</param>
    public static PlanStepResult Price(UseCase useCase, ValueModel? model, PlanStepSpec step, IReadOnlyDictionary<string, Quantity>? figures, string source, string? modelReference = null)
    {
        var plan = useCase.Plan ?? throw new InputException("the use case has no 'plan' section", useCase.FilePath, 1, 1);
        var known = new Dictionary<string, Quantity>(figures ?? new Dictionary<string, Quantity>(), StringComparer.Ordinal);
        if (figures is not null)
        {
            if (!known.ContainsKey(MetricFigure) && known.TryGetValue(plan.Metric.Figure, out var measured)) known[MetricFigure] = measured;
            if (!known.ContainsKey(ValueFigure) && ValuePerDay(model, known) is { } value) known[ValueFigure] = value;
        }
        double? metric = known.TryGetValue(MetricFigure, out var m) ? m.Value : null;
        Quantity? valuePerDay = known.TryGetValue(ValueFigure, out var v) ? v : null;
        if (valuePerDay is { } rate && !rate.Dimension.IsCurrencyRate)
            throw Where(step, ValueFigure).Error($"plan step '{step.Name}': value_per_day must be money per time (JPY/day …), not {rate.UnitText}");

        var currency = valuePerDay?.Dimension.Currency;
        var money = currency is null ? Dimension.None : Dimension.Of(currency);
        var perDay = currency is null ? Dimension.None : money.Divide(Dimension.Of(Dimension.Time));
        var development = Cost(step, step.Costs.Development, "development", new Quantity(0, money), currency, q => q.Dimension.IsCurrencyAmount, "an amount such as '500000 JPY'");
        var operation = Cost(step, step.Costs.Operation, "operation", new Quantity(0, perDay), currency, q => q.Dimension.IsCurrencyRate, "money per time such as '300000 JPY/month'");
        var delay = Cost(step, step.Costs.Delay, "delay", new Quantity(0, Dimension.Of(Dimension.Time)), null, q => q.Dimension.IsTime, "a time such as '1 month'");
        Quantity? duration = step.Duration is { } d ? Time(FormulaSource.From(d, $"plan step '{step.Name}', duration")) : null;
        var horizon = Horizon(model);

        Payback? payback = currency is null ? null
            : new Payback(currency, valuePerDay!.Value.Value, operation.Value, development.Value, delay.Value, horizon);
        var go = Judge(step, figures is null ? null : known, UnitCatalog.DeclaredCounts(useCase.Units));
        return new PlanStepResult(step, source, modelReference, known, metric, valuePerDay, development, operation, delay, duration, payback, step.Go?.Value, go);
    }

    /// <summary>The go/no-go criterion on the figures; null when there are no figures or a standard one is unknown.</summary>
    internal static bool? Judge(PlanStepSpec step, IReadOnlyDictionary<string, Quantity>? figures, IReadOnlySet<string>? counts = null)
    {
        if (step.Go is not { } text) return null;
        var source = FormulaSource.From(text, $"go criterion of plan step '{step.Name}'");
        var names = figures?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        var expression = new FormulaParser(name => names.Contains(name) || name is MetricFigure or ValueFigure, counts).Parse(source);
        if (expression is not BinaryOperation { IsComparison: true })
            throw source.Error("must be a comparison such as 'value_per_day > 100000 JPY/day' or 'metric >= 0.3'");
        if (figures is null) return null;
        if (expression.References().Any(name => name.Name is MetricFigure or ValueFigure && !figures.ContainsKey(name.Name))) return null;
        return FormulaEvaluator.Evaluate(expression, source, new FigureScope(figures, step.Name)).Value != 0;
    }

    // The value model priced with the step's figures as its external variables, when the figures hold any
    // (decision.*, model.*); without them the model would price its own placeholders, not the step.
    private static Quantity? ValuePerDay(ValueModel? model, IReadOnlyDictionary<string, Quantity> figures)
    {
        var externals = figures.Where(f => f.Key.Contains('.')).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        if (model is not null && externals.Count > 0) return model.Evaluate(null, externals).ValuePerDay;
        return figures.TryGetValue(DecisionValueFigure, out var decided) ? decided : null;
    }

    private static double Horizon(ValueModel? model)
    {
        var horizon = model?.Horizon is { } h ? FormulaEvaluator.Evaluate(h.Expression, h.Source, NoNames)
            : Time(new FormulaSource(ValueModel.DefaultHorizon, new SourcePosition("", 1, 1), "horizon"));
        return horizon.Value;
    }

    private static Quantity Cost(PlanStepSpec step, Positioned<string>? text, string key, Quantity zero, string? currency, Func<Quantity, bool> fits, string expected)
    {
        if (text is null) return zero;
        var source = FormulaSource.From(text, $"plan step '{step.Name}', costs.{key}");
        var value = Constant(source);
        if (value.Value == 0 && value.IsDimensionless) return zero;
        if (!fits(value)) throw source.Error($"must be {expected}, not {(value.IsDimensionless ? "a plain number" : value.UnitText)}");
        if (value.Value < 0) throw source.Error("must not be negative; what the step gains belongs in its figures");
        if (currency is not null && value.Dimension.Currency is { } own && own != currency)
            throw source.Error($"is in {own}, but the step's value is in {currency}");
        return value;
    }

    private static Quantity Time(FormulaSource source)
    {
        var value = Constant(source);
        return value.Dimension.IsTime ? value : throw source.Error($"must be a time such as '2 month', not {(value.IsDimensionless ? "a plain number" : value.UnitText)}");
    }

    private static Quantity Constant(FormulaSource source, IReadOnlySet<string>? counts = null) =>
        FormulaEvaluator.Evaluate(new FormulaParser(counts: counts).Parse(source), source, NoNames);

    private static SourcePosition Where(PlanStepSpec step, string figure) =>
        step.Measured.FirstOrDefault(f => f.Name == figure)?.Expression.Position ?? step.Position;
}

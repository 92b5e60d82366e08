using System.Globalization;
using Flywheel.Reports.Charts;
using Flywheel.Value;
using Flywheel.Value.Plans;

namespace Flywheel.Reports;

/// <summary>
/// The value page of a use case: the statement, the value formula written out with its numbers, parameters grouped by
/// the role that owns them, the scenarios side by side with their payback curves on one chart, the tornado, and — when
/// the use case has one — the staged plan (<see cref="PlanReport"/>).
/// </summary>
public static class ValueReport
{
    public static ReportDocument Build(ValueAnalysisResult result, PlanResult? plan = null)
    {
        var useCase = result.UseCase;
        var report = new ReportDocument($"Value — {useCase.Name}", useCase.Owner is null ? useCase.Statement : $"{useCase.Statement} (owner: {useCase.Owner})");
        AddSummary(report, result);
        AddModelFigures(report, result);
        AddFormulas(report, result);
        AddParametersByOwner(report, result);
        AddScenarios(report, result);
        AddSensitivity(report, result);
        if (result.Seek is { } seek) AddSeek(report, seek);
        if (plan is not null) PlanReport.AddTo(report, plan);
        return report;
    }

    private static void AddSummary(ReportDocument report, ValueAnalysisResult result)
    {
        var baseline = result.Base;
        var payback = baseline.Payback;
        var figures = new List<KeyFigure> { ValueFigure(result) };
        if (ValueAddedFigure(result) is { } added) figures.Add(added);
        if (ReviewStaffingFigure(result) is { } staffing) figures.Add(staffing);
        figures.Add(new KeyFigure("Break-even", ValueText.Days(payback.BreakEvenDays),
            payback.BreaksEvenWithinHorizon ? "within the horizon" : "not within the horizon"));
        figures.Add(new KeyFigure($"Cumulative at {ValueText.Horizon(payback.HorizonDays)}", ValueText.Money(payback.CumulativeAtHorizon, payback.Currency)));
        figures.Add(new KeyFigure("ROI at the horizon", ValueText.Percent(payback.Roi), "net gain ÷ everything spent"));
        report.AddSection("Statement")
            .Callout(result.UseCase.Statement)
            .KeyFigures(figures);
    }

    /// <summary>The value per day: with the model's measured figures when there are some, else as planned — saying which placeholders it stands on.</summary>
    internal static KeyFigure ValueFigure(ValueAnalysisResult result)
    {
        var value = result.Base.ValuePerDay.ToString();
        if (result.Measured is { } measured && result.ModelVariables.Any(result.IsMeasured))
            return new KeyFigure($"Value with model {measured.Model}", value, $"base scenario, {measured.Label}");
        var placeholders = result.ModelVariables.Where(name => result.Model.FindParameter(name) is not null).ToList();
        return placeholders.Count == 0
            ? new KeyFigure("Value", value, "base scenario")
            : new KeyFigure("Value", value, $"base scenario; {string.Join(", ", placeholders)}: {result.SourceOf(placeholders[0])}");
    }

    /// <summary>What the model adds over the best alternative without one, when its evaluation measures it.</summary>
    internal static KeyFigure? ValueAddedFigure(ValueAnalysisResult result)
    {
        if (result.Measured is not { } measured) return null;
        foreach (var name in new[] { ModelSummary.ValueAddedPerDay, ModelSummary.ValueAddedPerItem })
        {
            if (measured.Values.ContainsKey(name))
            {
                var amount = measured.Amount(name);
                return new KeyFigure("Value added over the best alternative", $"{Quantity.Format(amount.Amount)} {amount.Unit}".TrimEnd(), measured.LabelOf(name));
            }
        }
        return null;
    }

    /// <summary>
    /// The people the review queue really needs, when it has measured it (<c>review.people</c>, added by the Operate
    /// stage): shown whether or not the value formulas use it, beside the minutes per item and the share it stands on.
    /// </summary>
    internal static KeyFigure? ReviewStaffingFigure(ValueAnalysisResult result)
    {
        const string people = "review.people", minutes = "review.minutes_per_item", share = "review.share";
        if (result.Measured is not { } measured || !measured.Values.ContainsKey(people)) return null;
        var basis = new List<string>();
        if (measured.Values.ContainsKey(minutes)) basis.Add($"{Quantity.Format(measured.Amount(minutes).Amount)} min an item");
        if (measured.Values.ContainsKey(share)) basis.Add($"{ValueText.Percent(measured.Amount(share).Amount)} of rows reviewed");
        basis.Add(measured.LabelOf(people));
        return new KeyFigure("Reviewers the queue needs", $"{Quantity.Format(measured.Amount(people).Amount)} people", string.Join("; ", basis));
    }

    /// <summary>Every figure the value model takes from a model, and where it comes from: measured, or still the file's placeholder.</summary>
    private static void AddModelFigures(ReportDocument report, ValueAnalysisResult result)
    {
        if (ValueReportTables.ModelFigures(result) is not { } table) return;
        var section = report.AddSection(ValueReportTables.ModelFiguresHeading(result)).Table(table);
        if (result.Measured is null)
            section.Callout("No model has been trained yet: these figures are the file's placeholders. 'flywheel train' measures them on the test split.", CalloutKind.Warning);
    }

    private static void AddFormulas(ReportDocument report, ValueAnalysisResult result)
    {
        var model = result.Model;
        var baseline = result.Base;
        // Parameters in their own units as written in the file, formulas by their evaluated value.
        string? Written(string name) => model.FindParameter(name) is { } parameter
            ? Unitized(ValueDocument.InOwnUnit(parameter, baseline), parameter.Unit.Text)
            : model.FindFormula(name) is { } formula ? formula.Display(baseline.Formulas[name])
            : result.IsMeasured(name) ? Unitized(result.Measured!.Amount(name).Amount, result.Measured.Amount(name).Unit) : null;

        var lines = new List<string>();
        foreach (var formula in model.Formulas.Append(model.Value))
        {
            var value = formula == model.Value ? baseline.ValuePerDay.ToString() : formula.Display(baseline.Formulas[formula.Name]);
            if (formula.Description is { } description) lines.Add($"# {description}");
            lines.Add($"{formula.Name} = {formula.Expression}");
            var substituted = formula.Expression.Write(Written);
            if (substituted != formula.Expression.ToString()) lines.Add($"{new string(' ', formula.Name.Length)} = {substituted}");
            lines.Add($"{new string(' ', formula.Name.Length)} = {value}");
            lines.Add("");
        }
        var payback = baseline.Payback;
        var costs = model.Costs;
        lines.Add($"development = {costs.Development?.Expression.ToString() ?? "0"}");
        lines.Add($"operation   = {costs.Operation?.Expression.ToString() ?? "0"}  = {baseline.OperationPerDay}");
        lines.Add($"delay       = {costs.Delay?.Expression.ToString() ?? "0"}  = {ValueText.Days(payback.DelayDays)}");
        lines.Add($"horizon     = {model.Horizon.Expression}  = {ValueText.Days(payback.HorizonDays)}");

        report.AddSection("The value, written out")
            .Paragraph("Each formula with its parameters' values substituted (base scenario). Units are carried through: "
                + "rates are converted to per day, so a monthly cost is never subtracted from a daily value as if it were daily.")
            .Preformatted(string.Join("\n", lines).TrimEnd())
            .Paragraph("cumulative(t) = (value − operation) × max(0, t − delay) − development;  "
                + "break-even is the t where cumulative(t) = 0;  ROI at the horizon = cumulative(horizon) ÷ (development + operation × max(0, horizon − delay)).");
    }

    private static void AddParametersByOwner(ReportDocument report, ValueAnalysisResult result)
    {
        var section = report.AddSection("Who controls what")
            .Paragraph("Parameters grouped by the role or team that owns them: a shortfall in one becomes a conversation with the team that controls another.");
        var swingByParameter = result.Sensitivity.ToDictionary(row => row.Parameter, row => row.ValueSwing, StringComparer.Ordinal);
        var unit = result.Base.ValuePerDay.UnitText;
        foreach (var group in result.Model.Parameters.GroupBy(parameter => parameter.Owner ?? "(no owner)"))
        {
            var rows = group.Select(parameter => (IReadOnlyList<TableCell>)
            [
                parameter.Name,
                TableCell.Number(Unitized(ValueDocument.InOwnUnit(parameter, result.Base), parameter.Unit.Text)),
                parameter.Range is { } range ? TableCell.Number($"{Quantity.Format(range.Low)} – {Quantity.Format(range.High)}")
                    : TableCell.Plain(result.IsMeasured(parameter.Name) ? "measured" : "±20%"),
                TableCell.Number(swingByParameter.TryGetValue(parameter.Name, out var swing) ? $"{Quantity.Format(swing)} {unit}" : "—"),
                result.SourceOf(parameter.Name) is { } source ? $"{source}. {parameter.Description}" : parameter.Description,
            ]);
            section.Subsection(group.Key).Table(["parameter", "value", "range", "value swing", "description"], rows);
        }
    }

    private static void AddScenarios(ReportDocument report, ValueAnalysisResult result)
    {
        var scenarios = result.Scenarios;
        var currency = result.Base.Payback.Currency;
        // Break-even goes into each series' name: labels at the crossing points would overlap when scenarios are close.
        var series = scenarios.Select(scenario =>
        {
            var curve = scenario.Payback.Curve();
            var name = scenario.Payback.BreakEvenDays is null
                ? $"{scenario.Name} (never breaks even)"
                : $"{scenario.Name} (break-even {ValueText.WholeDays(scenario.Payback.BreakEvenDays)} days)";
            return new LineSeries(name, curve.Select(point => point.Day).ToList(), curve.Select(point => point.Cumulative).ToList());
        }).ToList();
        var markers = scenarios
            .Where(scenario => scenario.Payback.BreaksEvenWithinHorizon)
            .Select(scenario => new ChartMarker(scenario.Payback.BreakEvenDays!.Value, 0, ""))
            .ToList();
        var chart = new LineChart($"Payback — {result.UseCase.Name}", "days from the start", $"cumulative value ({currency})", series)
        {
            Markers = markers,
            ReferenceLines = [ReferenceLine.Horizontal(0, "break-even")],
        };

        report.AddSection(ValueReportTables.ScenariosHeading)
            .Table(ValueReportTables.Scenarios(result))
            .Chart(chart, caption: "Cumulative value of every scenario over the horizon; each curve crosses zero at its break-even.");
    }

    private static void AddSensitivity(ReportDocument report, ValueAnalysisResult result)
    {
        var unit = result.Base.ValuePerDay.UnitText;
        var bars = result.Sensitivity.Take(ValueReportTables.MaxSensitivityRows)
            .Select(row => new TornadoBar(row.Owner is null ? row.Parameter : $"{row.Parameter} ({row.Owner})", row.ValueAtLow.Value, row.ValueAtHigh.Value))
            .ToList();
        var chart = new TornadoChart($"Sensitivity of the value — {result.UseCase.Name}", $"value ({unit})", result.Base.ValuePerDay.Value, bars)
        {
            LowLegend = "low end",
            HighLegend = "high end",
        };
        var section = report.AddSection("Sensitivity")
            .Paragraph("Each parameter over its range (±20% when none is given; a figure measured by a model only over a declared range), the others held at the base; widest swing on top.")
            .Chart(chart, height: Math.Max(260, 60 + 44 * bars.Count));
        if (BreakEvenTornado(result) is { } breakEven)
            section.Chart(breakEven, height: Math.Max(260, 60 + 44 * bars.Count),
                caption: "Break-even at each end of each parameter's range; an end that never breaks even is drawn at the horizon.");
        section.Table(ValueReportTables.Sensitivity(result));
    }

    private static TornadoChart? BreakEvenTornado(ValueAnalysisResult result)
    {
        if (result.Base.Payback.BreakEvenDays is not { } baseDays) return null;
        var horizon = result.Base.Payback.HorizonDays;
        var bars = result.Sensitivity
            .OrderByDescending(row => row.BreakEvenSwing)
            .Select(row => new TornadoBar(row.Owner is null ? row.Parameter : $"{row.Parameter} ({row.Owner})",
                row.BreakEvenDaysAtLow ?? horizon, row.BreakEvenDaysAtHigh ?? horizon))
            .ToList();
        return new TornadoChart($"Sensitivity of break-even — {result.UseCase.Name}", "break-even (days)", baseDays, bars)
        {
            LowLegend = "low end",
            HighLegend = "high end",
        };
    }

    private static void AddSeek(ReportDocument report, SeekResult seek) =>
        report.AddSection("Goal seek")
            .Callout(seek.Message, seek.Limit is null ? CalloutKind.Problem : CalloutKind.Info);

    private static string Unitized(double amount, string unit) => unit == "" ? Quantity.Format(amount) : $"{Quantity.Format(amount)} {unit}";
}

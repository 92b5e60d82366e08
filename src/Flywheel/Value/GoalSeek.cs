namespace Flywheel.Value;

/// <summary>What a goal seek aims for: breaking even within the horizon, or reaching a return on investment.</summary>
public sealed record SeekGoal(double? TargetRoi)
{
    public static SeekGoal BreakEven { get; } = new((double?)null);

    public string Describe() => TargetRoi is { } roi ? $"reach ROI ≥ {ValueText.Percent(roi)} at the horizon" : "break even within the horizon";

    /// <summary>Positive or zero when the goal is met.</summary>
    internal double Margin(ScenarioResult result) => TargetRoi is { } roi
        ? (result.Payback.Roi ?? double.NegativeInfinity) - roi
        : result.Payback.CumulativeAtHorizon;
}

/// <summary>
/// The answer of a goal seek. <see cref="Limit"/> is the worst amount (in the parameter's unit) that still meets the goal:
/// "at most" when more of the parameter hurts, "at least" when less hurts. Null when no amount works.
/// </summary>
public sealed record SeekResult(string Parameter, string Unit, string Goal, double BaseAmount, string? Direction, double? Limit, bool BaseMeetsGoal, string Message);

/// <summary>
/// Finds the worst value of one parameter that still meets a goal. The direction in which the parameter hurts is detected
/// numerically at its current value; the boundary is bracketed by doubling steps and found by bisection. Parameters that
/// are non-negative stay non-negative (a head count or a rate cannot go below zero).
/// </summary>
public static class GoalSeek
{
    private const int MaxDoublings = 80;
    private const int BisectionSteps = 200;

    public static SeekResult Run(ValueModel model, string parameterName, SeekGoal goal, string? scenario = null, IReadOnlyDictionary<string, Quantity>? externals = null)
    {
        var parameter = model.FindParameter(parameterName) ?? throw new InputException(
            $"no parameter '{parameterName}' to seek; the parameters are: {string.Join(", ", model.Parameters.Select(p => p.Name))}", model.File);
        var start = model.Evaluate(scenario, externals).Parameters[parameter.Name];
        var x0 = parameter.Unit.AmountOf(start);
        // A value at which the model cannot be evaluated (e.g. a divisor reaching 0) does not meet the goal.
        double Margin(double amount)
        {
            try
            {
                return goal.Margin(model.Evaluate(scenario, SensitivityAnalysis.With(externals, parameter, amount)));
            }
            catch (InputException)
            {
                return double.NegativeInfinity;
            }
        }
        var nonNegative = x0 >= 0;
        double Clamp(double amount) => nonNegative ? Math.Max(0, amount) : amount;

        var baseMargin = goal.Margin(model.Evaluate(scenario, SensitivityAnalysis.With(externals, parameter, x0)));
        var baseMeets = baseMargin >= 0;
        var slope = Slope(Margin, x0, baseMargin);

        if (slope == 0)
        {
            return new SeekResult(parameter.Name, parameter.Unit.Text, goal.Describe(), x0, null, null, baseMeets,
                baseMeets ? $"'{parameter.Name}' does not change the outcome; the goal is met whatever its value"
                          : $"'{parameter.Name}' does not change the outcome; no value of it meets the goal");
        }

        // Moving "worse" is the direction in which the margin falls.
        var worse = slope > 0 ? -1.0 : 1.0;
        var direction = worse > 0 ? "at most" : "at least";
        var unit = parameter.Unit.Text == "" ? "" : " " + parameter.Unit.Text;
        SeekResult Answer(double? limit, string message) =>
            new(parameter.Name, parameter.Unit.Text, goal.Describe(), x0, direction, limit, baseMeets, message);

        if (baseMeets)
        {
            var (lastGood, firstBad) = Walk(Margin, x0, worse, margin => margin < 0, Clamp);
            if (firstBad is null)
            {
                return lastGood == 0
                    ? Answer(0, $"the goal is met even with '{parameter.Name}' at 0")
                    : Answer(null, $"the goal is met however far '{parameter.Name}' moves");
            }
            var limit = Bisect(Margin, lastGood, firstBad.Value);
            return Answer(limit, $"'{parameter.Name}' must be {direction} {Quantity.Format(limit)}{unit} to {goal.Describe()} (now {Quantity.Format(x0)}{unit})");
        }
        else
        {
            var (lastBad, firstGood) = Walk(Margin, x0, -worse, margin => margin >= 0, Clamp);
            if (firstGood is null)
                return Answer(null, $"no value of '{parameter.Name}' meets the goal ({goal.Describe()}); another parameter has to move");
            var limit = Bisect(Margin, firstGood.Value, lastBad);
            return Answer(limit, $"'{parameter.Name}' must be {direction} {Quantity.Format(limit)}{unit} to {goal.Describe()} (now {Quantity.Format(x0)}{unit}, which does not)");
        }
    }

    /// <summary>
    /// Steps away from <paramref name="x0"/> in <paramref name="direction"/> by doubling steps until <paramref name="stop"/>
    /// holds for the margin. Returns the last point before that and the point where it held (null if it never did).
    /// </summary>
    private static (double Before, double? At) Walk(Func<double, double> margin, double x0, double direction, Func<double, bool> stop, Func<double, double> clamp)
    {
        var before = x0;
        var step = Math.Max(Math.Abs(x0), 1.0);
        for (var i = 0; i < MaxDoublings; i++, step *= 2)
        {
            var candidate = clamp(x0 + direction * step);
            if (candidate == before) break; // held at the domain's edge: no further to go
            if (stop(margin(candidate))) return (before, candidate);
            before = candidate;
        }
        return (before, null);
    }

    /// <summary>Narrows [good, bad] to the boundary, keeping the side that meets the goal.</summary>
    private static double Bisect(Func<double, double> margin, double good, double bad)
    {
        for (var i = 0; i < BisectionSteps && Math.Abs(good - bad) > 1e-12 * Math.Max(1, Math.Abs(good)); i++)
        {
            var middle = (good + bad) / 2;
            if (margin(middle) >= 0) good = middle;
            else bad = middle;
        }
        return good;
    }

    /// <summary>The sign of the margin's slope at x0, probing further out when a small step shows no change.</summary>
    private static int Slope(Func<double, double> margin, double x0, double atX0)
    {
        for (var h = Math.Max(Math.Abs(x0) * 1e-3, 1e-6); h < 1e12; h *= 100)
        {
            var up = margin(x0 + h) - atX0;
            if (up != 0) return Math.Sign(up);
            var down = atX0 - margin(x0 - h);
            if (down != 0) return Math.Sign(down);
        }
        return 0;
    }
}

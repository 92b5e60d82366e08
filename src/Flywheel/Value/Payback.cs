namespace Flywheel.Value;

/// <summary>
/// Payback of one scenario, all in days and one currency. Value starts after the delay:
/// cumulative(t) = (value − operation) · max(0, t − delay) − development.
/// ROI at the horizon = cumulative(horizon) / (development + operation · max(0, horizon − delay)).
/// </summary>
public sealed record Payback(
    string Currency,
    double ValuePerDay,
    double OperationPerDay,
    double Development,
    double DelayDays,
    double HorizonDays)
{
    public double NetPerDay => ValuePerDay - OperationPerDay;

    /// <summary>Days from the start until the cumulative value reaches zero; null when the net rate is not positive (it never does).</summary>
    public double? BreakEvenDays => NetPerDay > 0 ? DelayDays + Development / NetPerDay : null;

    public bool BreaksEvenWithinHorizon => BreakEvenDays is { } days && days <= HorizonDays;

    public double CumulativeAt(double days) => NetPerDay * Math.Max(0, days - DelayDays) - Development;

    /// <summary>Everything spent up to a day: development plus operation while the model runs.</summary>
    public double CostTo(double days) => Development + OperationPerDay * Math.Max(0, days - DelayDays);

    public double CumulativeAtHorizon => CumulativeAt(HorizonDays);

    public double CostToHorizon => CostTo(HorizonDays);

    /// <summary>Net gain per unit of money spent up to the horizon; null when nothing is spent.</summary>
    public double? Roi => CostToHorizon > 0 ? CumulativeAtHorizon / CostToHorizon : null;

    /// <summary>Points of the cumulative curve from day 0 to the horizon, with the kinks (delay, break-even) included.</summary>
    public IReadOnlyList<(double Day, double Cumulative)> Curve(int points = 60)
    {
        var days = Enumerable.Range(0, points + 1).Select(step => HorizonDays * step / points).ToList();
        if (DelayDays > 0 && DelayDays < HorizonDays) days.Add(DelayDays);
        if (BreakEvenDays is { } breakEven && breakEven < HorizonDays) days.Add(breakEven);
        return days.Distinct().Order().Select(day => (day, CumulativeAt(day))).ToList();
    }
}

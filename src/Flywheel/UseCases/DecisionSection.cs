namespace Flywheel.UseCases;

/// <summary>
/// The <c>decision</c> section: what each outcome of a prediction is worth, how many items a day, the base rate
/// where the model will run, and the optional human-review band. Amounts are quantity expressions (e.g. <c>-500 JPY</c>).
/// </summary>
public sealed record DecisionSection(
    Positioned<string>? Volume,
    double? Prevalence,
    IReadOnlyDictionary<string, Positioned<string>> Outcomes,
    IReadOnlyList<IReadOnlyList<Positioned<string>>>? Matrix,
    Positioned<string>? UnderPrediction,
    Positioned<string>? OverPrediction,
    ReviewSpec? Review,
    SourcePosition Position);

/// <summary>
/// A person decides scores in the review band at <c>Cost</c> per item (a positive amount), taking <c>Minutes</c> each
/// and working <c>HoursPerDay</c> (default 7.5) a day. Turned into numbers by <c>Flywheel.Evaluation.Decisions.DecisionSettings</c>.
/// </summary>
public sealed record ReviewSpec(Positioned<string> Cost, double Minutes, double HoursPerDay)
{
    /// <summary>A person's working hours a day when the file does not say.</summary>
    public const double DefaultHoursPerDay = 7.5;
}

internal static class DecisionSectionReader
{
    public static DecisionSection Read(MappingReader section)
    {
        var volume = section.String("volume");
        var prevalence = section.Number("prevalence");
        if (prevalence is < 0 or > 1)
            throw section.Position.Error($"'decision.prevalence' is a base rate between 0 and 1, not {prevalence}");

        var outcomes = new Dictionary<string, Positioned<string>>(StringComparer.Ordinal);
        if (section.Mapping("outcomes", UseCaseKeys.Outcomes) is { } outcomeMap)
        {
            foreach (var key in UseCaseKeys.Outcomes)
            {
                if (outcomeMap.String(key) is { } amount) outcomes[key] = amount;
            }
            outcomeMap.RejectUnknownKeys();
        }

        List<IReadOnlyList<Positioned<string>>>? matrix = null;
        if (section.Node("matrix") is { } matrixNode)
        {
            if (matrixNode is not YamlDotNet.RepresentationModel.YamlSequenceNode rows)
                throw section.At(matrixNode, "'decision.matrix' must be a list of rows (actual class), each a list of amounts (predicted class)");
            matrix = rows.Children
                .Select(row => row is YamlDotNet.RepresentationModel.YamlSequenceNode cells
                    ? (IReadOnlyList<Positioned<string>>)cells.Children.Select(cell => section.ScalarOf(cell, "matrix")).ToList()
                    : throw section.At(row, "each row of 'decision.matrix' must be a list of amounts"))
                .ToList();
        }

        Positioned<string>? under = null, over = null;
        if (section.Mapping("regression", UseCaseKeys.Regression) is { } regressionMap)
        {
            under = regressionMap.String("under");
            over = regressionMap.String("over");
            regressionMap.RejectUnknownKeys();
        }

        ReviewSpec? review = null;
        if (section.Mapping("review", UseCaseKeys.Review) is { } reviewMap)
        {
            var cost = reviewMap.RequiredString("cost");
            var minutes = NonNegative(reviewMap, "minutes", 0, allowZero: true);
            var hoursPerDay = NonNegative(reviewMap, "hours_per_day", ReviewSpec.DefaultHoursPerDay, allowZero: false);
            review = new ReviewSpec(cost, minutes, hoursPerDay);
            reviewMap.RejectUnknownKeys();
        }

        section.RejectUnknownKeys();
        return new DecisionSection(volume, prevalence, outcomes, matrix, under, over, review, section.Position);
    }

    private static double NonNegative(MappingReader map, string key, double fallback, bool allowZero)
    {
        if (map.Node(key) is not { } node) return fallback;
        var value = map.NumberOf(node, key);
        if (value < 0 || (!allowZero && value == 0) || !double.IsFinite(value))
            throw map.At(node, $"'decision.review.{key}' must be a {(allowZero ? "non-negative" : "positive")} number, not {value}");
        return value;
    }
}

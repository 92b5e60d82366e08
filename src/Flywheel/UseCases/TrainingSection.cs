namespace Flywheel.UseCases;

/// <summary>The <c>training</c> section: task, time budget of the whole training job, objective and trainers to consider.</summary>
/// <param name="Ensemble">False keeps the best single model, e.g. when a team must explain one model's behaviour.</param>
public sealed record TrainingSection(string Task, TimeSpan Budget, string? Objective, IReadOnlyList<string> Trainers, int? Seed, SourcePosition Position, bool Ensemble = true)
{
    public static TrainingSection Default(string file) => new("auto", TimeSpan.FromSeconds(60), null, [], null, new SourcePosition(file, 1, 1));
}

internal static class TrainingSectionReader
{
    public static TrainingSection Read(MappingReader section)
    {
        var task = section.String("task")?.Value ?? "auto";
        var budgetText = section.String("budget");
        var budget = budgetText is null ? TimeSpan.FromSeconds(60) : ParseDuration(budgetText);
        var objective = section.String("objective")?.Value;
        var trainers = section.StringList("trainers").Select(item => item.Value).ToList();
        var seed = section.Integer("seed");
        var ensemble = section.Boolean("ensemble") ?? true;
        section.RejectUnknownKeys();
        return new TrainingSection(task, budget, objective, trainers, seed, section.Position, ensemble);
    }

    public static TimeSpan ParseDuration(Positioned<string> text) =>
        DurationText.TryParse(text.Value) ?? throw text.Position.Error($"a duration such as '60s', '5m' or '1h' (at most 30 days) was expected, not '{text.Value}'");
}

/// <summary>Durations as people write them in the use-case file and on the command line.</summary>
public static class DurationText
{
    /// <summary>The longest duration accepted: a budget beyond it is a typo (1e308s), not a plan.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    /// <summary>Reads <c>90s</c>, <c>500ms</c>, <c>5m</c>, <c>1h</c> or a plain number of seconds; null when it is none of these, not positive or longer than <see cref="Longest"/>.</summary>
    public static TimeSpan? TryParse(string text)
    {
        var value = text.Trim();
        var (number, scale) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 0.001),
            _ when value.EndsWith('s') => (value[..^1], 1.0),
            _ when value.EndsWith('m') => (value[..^1], 60.0),
            _ when value.EndsWith('h') => (value[..^1], 3600.0),
            _ => (value, 1.0),
        };
        return double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount * scale <= Longest.TotalSeconds
            ? TimeSpan.FromSeconds(amount * scale)
            : null;
    }
}

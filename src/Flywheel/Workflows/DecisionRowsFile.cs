using System.Text.Json;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using Flywheel.Registry;
using Flywheel.Training.Search;

namespace Flywheel.Workflows;

/// <summary>One split's labels (true = the positive class) and the model's scores, row by row.</summary>
public sealed record ScoredRows(IReadOnlyList<bool> Labels, IReadOnlyList<double> Scores)
{
    public BinaryPredictions Predictions() => new(Labels, Scores);
}

/// <summary>A plan rule step's 1/0 scores on the same rows.</summary>
public sealed record RuleRows(string Step, string Text, IReadOnlyList<double> Choice, IReadOnlyList<double> Test);

/// <summary>
/// <c>decision-rows.json</c>, a binary package's scored rows: the rows its threshold and review band were chosen on
/// (validation or out-of-fold, <see cref="ChosenOn"/>), the test rows, and the plan's rules on both — what a decision
/// explorer needs to price any other point and the alternatives beside it, without the data or the model. Packages
/// written before it existed lack it; <see cref="Read"/> says so.
/// </summary>
public sealed record DecisionRowsFile(string ChosenOn, string Negative, string Positive, ScoredRows Choice, ScoredRows Test, IReadOnlyList<RuleRows> Rules)
{
    public const string FileName = "decision-rows.json";

    public static DecisionRowsFile From(DecisionRows chosenOn, BinaryPredictions test, Tasks.BinaryClasses classes, IReadOnlyList<RuleScores> rules)
    {
        var choice = chosenOn.Predictions.ToBinary();
        return new DecisionRowsFile(chosenOn.Description, classes.Negative, classes.Positive,
            new ScoredRows(choice.Labels, choice.Scores), new ScoredRows(test.Labels, test.Scores),
            rules.Select(r => new RuleRows(r.Step, r.Text, r.Choice, r.Test)).ToList());
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, PackageJson.Options);

    /// <summary>The package's scored rows; a <see cref="ConflictException"/> naming what to do when it has none.</summary>
    public static DecisionRowsFile Read(ModelPackage package)
    {
        if (!package.Manifest.Attachments.Any(a => a.File == FileName))
            throw new ConflictException($"this package ({package.Id[..12]}) was written before packages kept their scored validation and test rows ({FileName}); retrain to explore its decisions", "version");
        var path = package.AttachmentPath(FileName);
        try
        {
            return JsonSerializer.Deserialize<DecisionRowsFile>(File.ReadAllBytes(path), PackageJson.Options)
                ?? throw new InputException("is empty", path);
        }
        catch (JsonException error)
        {
            throw new InputException($"is not a valid {FileName}: {error.Message}", path);
        }
    }
}


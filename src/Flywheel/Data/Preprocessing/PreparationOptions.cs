using Flywheel.Data.Splits;
using Flywheel.Tasks;
using Flywheel.UseCases;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// What <see cref="DataPreparation.Prepare(ColumnTable, PreparationOptions, IProgress{PreparationProgress}?, Microsoft.ML.MLContext?)"/>
/// needs besides the rows: the target and its label shape, the split, columns to leave out and plan overrides.
/// </summary>
public sealed record PreparationOptions(string Target, MlTask LabelKind, SplitSettings Split)
{
    /// <summary>Binary only: the class that counts as positive (<c>data.positive</c>). Null: chosen by name (yes/true/1…) or the rarer class.</summary>
    public string? Positive { get; init; }

    /// <summary>Columns never used as features (<c>data.drop</c>).</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    /// <summary>Identifier columns (<c>data.roles.id</c>): never features.</summary>
    public IReadOnlyList<string> IdColumns { get; init; } = [];

    public PlanOptions Plan { get; init; } = PlanOptions.Default;

    /// <summary>Identifies the data in the split fingerprint. Null: SHA-256 over the table's contents.</summary>
    public string? DataFingerprint { get; init; }

    /// <summary>
    /// How many of the table's last rows were appended after the source's rows (labelled production rows): the split
    /// is made on the source rows alone and the appended rows go to train and validation (see <see cref="AppendedRows"/>).
    /// </summary>
    public int AppendedRows { get; init; }

    /// <summary>The file named in error messages about these options (the use-case file when there is one).</summary>
    public string? DescribedIn { get; init; }

    /// <summary>Options from a use case's <c>data</c> section: target, positive class, drops, ids, split and overrides.</summary>
    public static PreparationOptions From(UseCase useCase, MlTask labelKind)
    {
        var data = useCase.Data
            ?? throw new InputException("the use case has no 'data' section; add 'data: { source: data/your.csv, target: column }'", useCase.FilePath);
        var target = data.Target
            ?? throw data.Position.Error("'data' needs the key 'target': the column the model predicts");
        return new PreparationOptions(target, labelKind, SplitSettings.From(data.Split, target, labelKind != MlTask.Regression))
        {
            Positive = data.Positive,
            Drop = data.Drop,
            IdColumns = data.Roles.Id,
            Plan = PlanOptions.From(data),
            DescribedIn = useCase.FilePath,
        };
    }
}

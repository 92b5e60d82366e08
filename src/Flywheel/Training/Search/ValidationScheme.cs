using Flywheel.Tasks;
using Flywheel.Training.Trainers;

namespace Flywheel.Training.Search;

/// <summary>How a trial's configuration is judged out of sample: on the validation split, or by k-fold cross-validation when data is small.</summary>
public abstract record ValidationScheme
{
    /// <summary>Below this many rows in train+validation, a single validation split is too noisy to choose between models.</summary>
    public const int CrossValidationBelowRows = 2000;

    public abstract string Describe();

    /// <summary>Out-of-sample predictions of the configuration: on the validation rows, or out-of-fold on all rows.</summary>
    public abstract Predictions Evaluate(TrainerDefinition trainer, HyperparameterSet hyperparameters, int seed, CancellationToken cancellation = default);

    /// <summary>One train/validation pair, for tracing learning curves.</summary>
    public abstract (FeatureTable Train, FeatureTable Validation) CurveSplit { get; }

    /// <summary>The rows the final model is refit on.</summary>
    public abstract FeatureTable RefitRows { get; }

    /// <summary>How many fits one <see cref="Evaluate"/> makes (1, or the number of folds).</summary>
    public abstract int FitsPerEvaluation { get; }

    /// <summary>
    /// Where each of <see cref="Evaluate"/>'s predictions comes from: its position in train followed by validation
    /// (the validation rows in order; or, under cross-validation, the rows fold by fold).
    /// </summary>
    public abstract IReadOnlyList<int> PredictionRows { get; }

    public static ValidationScheme Choose(FeatureTable train, FeatureTable validation, int seed, int folds = 5) =>
        train.RowCount + validation.RowCount < CrossValidationBelowRows
            ? new CrossValidation(train.Concat(validation), folds, seed)
            : new Holdout(train, validation);
}

/// <summary>
/// Fit on train, predict validation. The final model is refit on train and validation together (more rows, a
/// better model); the threshold is still chosen on validation predictions of the train-only fit, which never saw them.
/// </summary>
public sealed record Holdout(FeatureTable Train, FeatureTable Validation) : ValidationScheme
{
    public override string Describe() => $"validation split ({Validation.RowCount} rows)";

    public override Predictions Evaluate(TrainerDefinition trainer, HyperparameterSet hyperparameters, int seed, CancellationToken cancellation = default) =>
        TrialRunner.Predict(TrialRunner.Fit(trainer, hyperparameters, seed, Train, cancellation), Validation, seed);

    public override (FeatureTable Train, FeatureTable Validation) CurveSplit => (Train, Validation);

    public override FeatureTable RefitRows => Train.Concat(Validation);

    public override int FitsPerEvaluation => 1;

    public override IReadOnlyList<int> PredictionRows => Enumerable.Range(Train.RowCount, Validation.RowCount).ToArray();
}

/// <summary>
/// k folds over train+validation, dealt round-robin after a seeded shuffle within each class (stratified for
/// classification), so every row is predicted once by a model that did not see it.
/// </summary>
public sealed record CrossValidation : ValidationScheme
{
    private readonly int[] _foldOf;

    public CrossValidation(FeatureTable rows, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds));
        Rows = rows;
        Folds = Math.Min(folds, rows.RowCount);
        _foldOf = AssignFolds(rows, Folds, seed);
    }

    public FeatureTable Rows { get; }
    public int Folds { get; }

    public override string Describe() => $"{Folds}-fold cross-validation ({Rows.RowCount} rows)";

    public override Predictions Evaluate(TrainerDefinition trainer, HyperparameterSet hyperparameters, int seed, CancellationToken cancellation = default)
    {
        Predictions? all = null;
        for (var fold = 0; fold < Folds; fold++)
        {
            var (train, held) = Split(fold);
            var predictions = TrialRunner.Predict(TrialRunner.Fit(trainer, hyperparameters, seed, train, cancellation), held, seed);
            all = all is null ? predictions : all.Concat(predictions);
        }
        return all!;
    }

    public override (FeatureTable Train, FeatureTable Validation) CurveSplit => Split(0);

    public override FeatureTable RefitRows => Rows;

    public override int FitsPerEvaluation => Folds;

    public override IReadOnlyList<int> PredictionRows =>
        Enumerable.Range(0, Folds).SelectMany(fold => Enumerable.Range(0, Rows.RowCount).Where(i => _foldOf[i] == fold)).ToArray();

    private (FeatureTable Train, FeatureTable Held) Split(int fold)
    {
        var indices = Enumerable.Range(0, Rows.RowCount);
        return (Rows.Rows(indices.Where(i => _foldOf[i] != fold)), Rows.Rows(indices.Where(i => _foldOf[i] == fold)));
    }

    private static int[] AssignFolds(FeatureTable rows, int folds, int seed)
    {
        var random = new Random(seed);
        var foldOf = new int[rows.RowCount];
        var groups = rows.Task == MlTask.Regression
            ? [Enumerable.Range(0, rows.RowCount).ToArray()]
            : Enumerable.Range(0, rows.RowCount).GroupBy(i => rows.Labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var next = 0;
        foreach (var group in groups)
        {
            random.Shuffle(group);
            foreach (var index in group) foldOf[index] = next++ % folds;
        }
        return foldOf;
    }
}

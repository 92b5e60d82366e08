using Flywheel.Evaluation.Results;
using Flywheel.Training;

namespace Flywheel.Workflows;

/// <summary>What <see cref="TrainWorkflow"/> produced: the training record, the test (and validation) evaluation, the package written and its registered version (e.g. <c>churn:3</c>, aliased <c>@candidate</c>).</summary>
public sealed record TrainOutcome(
    TrainingRecord Record,
    EvaluationReport Test,
    EvaluationReport Validation,
    TrainingResult Training,
    string PackageDirectory,
    string PackageId,
    string Version,
    Guid RunId)
{
    /// <summary>The model's predictions of the test rows, in label space (see <see cref="Labels"/>), in <see cref="TestRows"/> order.</summary>
    public Predictions? TestPredictions { get; init; }

    /// <summary>The test rows scored, as 0-based data rows of the training file.</summary>
    public IReadOnlyList<int> TestRows { get; init; } = [];

    /// <summary>How the target became the label, to read <see cref="TestPredictions"/> in the user's terms.</summary>
    public Data.Preprocessing.LabelMapping? Labels { get; init; }
}

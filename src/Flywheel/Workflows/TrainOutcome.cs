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
    Guid RunId);

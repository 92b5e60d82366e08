using Flywheel.Evaluation.Results;
using Flywheel.Training;

namespace Flywheel.Workflows;

/// <summary>What <see cref="TrainWorkflow"/> produced: the training record, the test (and validation) evaluation, and the package written.</summary>
public sealed record TrainOutcome(
    TrainingRecord Record,
    EvaluationReport Test,
    EvaluationReport Validation,
    TrainingResult Training,
    string PackageDirectory,
    string PackageId);

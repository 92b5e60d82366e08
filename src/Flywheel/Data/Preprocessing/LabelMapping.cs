using Flywheel.Tasks;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// How the target column became the "Label" column, and back. Binary: Label = (value == <see cref="Positive"/>).
/// Multiclass: Label is a key, class <c>Classes[k]</c> ↔ key k + 1 (ML.NET keys are 1-based; 0 = missing).
/// Regression: Label = transform(value); <see cref="ToTarget"/> inverts a prediction.
/// </summary>
public sealed record LabelMapping(string Column, MlTask Kind, IReadOnlyList<string> Classes, string? Positive, TargetTransformKind Transform)
{
    /// <summary>Binary: the classes by role (the positive one was resolved by <see cref="PositiveClass"/> when the plan was fitted).</summary>
    public BinaryClasses BinaryClasses() => Tasks.BinaryClasses.Of(Classes, Positive ?? throw new InvalidOperationException($"'{Column}' is not a binary label"));

    public double ToLabel(double target) => Transform == TargetTransformKind.Log ? Math.Log(target) : target;

    public double ToTarget(double label) => Transform == TargetTransformKind.Log ? Math.Exp(label) : label;
}

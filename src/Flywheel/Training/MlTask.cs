namespace Flywheel.Training;

/// <summary>What the model predicts: one of two classes, one of several, or a number.</summary>
public enum MlTask
{
    BinaryClassification,
    MulticlassClassification,
    Regression,
}

public static class MlTaskNames
{
    /// <summary>The spelling used in <c>training.task</c> and in JSON output.</summary>
    public static string ToName(this MlTask task) => task switch
    {
        MlTask.BinaryClassification => "binary",
        MlTask.MulticlassClassification => "multiclass",
        MlTask.Regression => "regression",
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    public static MlTask? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "binary" or "binary_classification" or "binary-classification" => MlTask.BinaryClassification,
        "multiclass" or "multiclass_classification" or "multiclass-classification" => MlTask.MulticlassClassification,
        "regression" => MlTask.Regression,
        _ => null,
    };
}

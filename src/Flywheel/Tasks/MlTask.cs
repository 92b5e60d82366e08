namespace Flywheel.Tasks;

/// <summary>
/// What the model predicts: one of two classes, one of several, or a number. The one representation of the task in
/// every stage; <see cref="MlTasks"/> holds what follows from it. The label a prepared data set carries has the shape
/// of the task: Boolean (value == positive class) for binary, a key (UInt32, 1-based in class order) for multiclass,
/// Single for regression.
/// </summary>
public enum MlTask
{
    Binary,
    Multiclass,
    Regression,
}

/// <summary>The spelling, metrics and model output of each task.</summary>
public static class MlTasks
{
    public static IReadOnlyList<MlTask> All { get; } = [MlTask.Binary, MlTask.Multiclass, MlTask.Regression];

    /// <summary>The spelling used in <c>training.task</c>, in JSON output and in a package's manifest.</summary>
    public static string Name(this MlTask task) => task switch
    {
        MlTask.Binary => "binary",
        MlTask.Multiclass => "multiclass",
        MlTask.Regression => "regression",
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    /// <summary>A task's name as <see cref="Name"/> writes it (and the long spellings people type); null when it is none.</summary>
    public static MlTask? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "binary" or "binary_classification" or "binary-classification" => MlTask.Binary,
        "multiclass" or "multiclass_classification" or "multiclass-classification" => MlTask.Multiclass,
        "regression" => MlTask.Regression,
        _ => null,
    };

    public static bool IsClassification(this MlTask task) => task != MlTask.Regression;

    /// <summary>What the search ranks by when neither <c>training.objective</c> nor a priced decision says otherwise.</summary>
    public static string DefaultObjective(this MlTask task) => task switch
    {
        MlTask.Binary => "auc",
        MlTask.Multiclass => "log_loss",
        _ => "rmse",
    };

    /// <summary>The metric of the learning curve: a proper loss, smooth in the training size.</summary>
    public static string CurveMetric(this MlTask task) => task == MlTask.Regression ? "rmse" : "log_loss";

    /// <summary>The fixed metric that permutation importance and the model report's headline use.</summary>
    public static string HeadlineMetric(this MlTask task) => task switch
    {
        MlTask.Binary => "auc",
        MlTask.Multiclass => "accuracy",
        _ => "rmse",
    };

    /// <summary>
    /// The column of the ML.NET output that holds the model's answer: <c>Probability</c> of the positive class for
    /// binary, the per-class probability vector <c>Score</c> for multiclass (in class order), the number <c>Score</c>
    /// for regression (in the label's units, before any inverse target transform).
    /// </summary>
    public static string OutputColumn(this MlTask task) => task == MlTask.Binary ? "Probability" : "Score";

    /// <summary>The index of the largest value, the first on ties: the predicted class of a probability vector.</summary>
    public static int ArgMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}

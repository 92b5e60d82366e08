using Flywheel.Tasks;
using Flywheel.UseCases;

namespace Flywheel.Tests.Tasks;

public class TaskDetectorTests
{
    private static TargetSummary Texts(params string?[] values) => TargetSummary.OfTexts(values);

    private static TargetSummary Numbers(params double[] values) => TargetSummary.OfNumbers(values);

    [Fact]
    public void Detects_the_task_from_the_target()
    {
        Assert.Equal(MlTask.Binary, TaskDetector.Detect(Texts("yes", "no", "no", "yes"), "t").Task);
        Assert.Equal(MlTask.Binary, TaskDetector.Detect(Numbers(0, 1, 1), "t").Task);
        Assert.Equal(MlTask.Multiclass, TaskDetector.Detect(Texts("Adelie", "Gentoo", "Chinstrap", "Adelie"), "t").Task);
        Assert.Equal(MlTask.Multiclass, TaskDetector.Detect(Numbers(1, 2, 3, 5, 2), "t").Task);
        Assert.Equal(MlTask.Regression, TaskDetector.Detect(Numbers(1.5, 2.25, 3, 4), "t").Task);
        Assert.Equal(MlTask.Regression, TaskDetector.Detect(Numbers(215000, 105000, 172000, 244000), "t").Task);
    }

    [Fact]
    public void Many_distinct_small_integers_are_a_number_not_classes() =>
        Assert.Equal(MlTask.Regression, TaskDetector.Detect(Numbers(Enumerable.Range(0, 30).Select(i => (double)i).ToArray()), "age").Task);

    [Fact]
    public void Ten_small_integers_are_classes_eleven_are_a_number()
    {
        Assert.Equal(MlTask.Multiclass, TaskDetector.Detect(new TargetSummary(10, true, true), "t").Task);
        Assert.Equal(MlTask.Regression, TaskDetector.Detect(new TargetSummary(11, true, true), "t").Task);
        Assert.Equal(MlTask.Regression, TaskDetector.Detect(Numbers(1, 2, 1001), "t").Task);
    }

    [Fact]
    public void A_text_column_of_digits_is_classes_because_its_kind_is_text() =>
        Assert.Equal(MlTask.Multiclass, TaskDetector.Detect(Texts(Enumerable.Range(0, 30).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()), "code").Task);

    [Fact]
    public void Missing_values_are_ignored()
    {
        Assert.Equal(MlTask.Binary, TaskDetector.Detect(Texts("yes", null, "", "no"), "churn").Task);
        Assert.Equal(MlTask.Binary, TaskDetector.Detect(Numbers(0, double.NaN, 1), "churn").Task);
    }

    [Fact]
    public void The_use_case_overrides_detection()
    {
        var training = TrainingSection.Default("f.yaml") with { Task = "regression" };
        var detection = TaskDetector.Detect(Numbers(1, 2, 3), "rating", training);
        Assert.Equal(MlTask.Regression, detection.Task);
        Assert.Contains("training.task", detection.Reason);
    }

    [Fact]
    public void An_unknown_task_names_the_field_and_position()
    {
        var training = TrainingSection.Default("f.yaml") with { Task = "clustering", Position = new SourcePosition("f.yaml", 7, 9) };
        var error = Assert.Throws<InputException>(() => TaskDetector.Detect(Texts("a", "b"), "t", training));
        Assert.Equal(7, error.Line);
        Assert.Contains("training.task", error.Message);
    }

    [Fact]
    public void A_constant_target_is_rejected_naming_the_column_and_a_profile_gets_no_task()
    {
        var error = Assert.Throws<InputException>(() => TaskDetector.Detect(Texts("no", "no"), "churn"));
        Assert.Contains("'churn'", error.Message);
        Assert.Null(TaskDetector.TryDetect(Texts("no", "no"), "churn"));
    }

    [Theory]
    [InlineData("binary", MlTask.Binary)]
    [InlineData("multiclass_classification", MlTask.Multiclass)]
    [InlineData(" Regression ", MlTask.Regression)]
    public void Names_round_trip(string name, MlTask task)
    {
        Assert.Equal(task, MlTasks.Parse(name));
        Assert.Equal(task, MlTasks.Parse(task.Name()));
    }
}

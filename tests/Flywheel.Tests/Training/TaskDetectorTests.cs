using Flywheel.Training;
using Flywheel.UseCases;

namespace Flywheel.Tests.Training;

public class TaskDetectorTests
{
    [Theory]
    [InlineData(new[] { "yes", "no", "no", "yes" }, MlTask.BinaryClassification)]
    [InlineData(new[] { "0", "1", "1" }, MlTask.BinaryClassification)]
    [InlineData(new[] { "Adelie", "Gentoo", "Chinstrap", "Adelie" }, MlTask.MulticlassClassification)]
    [InlineData(new[] { "1", "2", "3", "5", "2" }, MlTask.MulticlassClassification)]
    [InlineData(new[] { "1.5", "2.25", "3", "4" }, MlTask.Regression)]
    [InlineData(new[] { "215000", "105000", "172000", "244000" }, MlTask.Regression)]
    public void Detects_the_task_from_the_target_values(string[] values, MlTask expected) =>
        Assert.Equal(expected, TaskDetector.Detect(values, "target").Task);

    [Fact]
    public void Many_distinct_small_integers_are_a_number_not_classes() =>
        Assert.Equal(MlTask.Regression, TaskDetector.Detect(Enumerable.Range(0, 30).Select(i => i.ToString()), "age").Task);

    [Fact]
    public void Missing_values_are_ignored() =>
        Assert.Equal(MlTask.BinaryClassification, TaskDetector.Detect(["yes", null, "", "no"], "churn").Task);

    [Fact]
    public void The_use_case_overrides_detection()
    {
        var training = TrainingSection.Default("f.yaml") with { Task = "regression" };
        var detection = TaskDetector.Detect(["1", "2", "3"], "rating", training);
        Assert.Equal(MlTask.Regression, detection.Task);
        Assert.Contains("training.task", detection.Reason);
    }

    [Fact]
    public void An_unknown_task_names_the_field_and_position()
    {
        var training = TrainingSection.Default("f.yaml") with { Task = "clustering", Position = new SourcePosition("f.yaml", 7, 9) };
        var error = Assert.Throws<InputException>(() => TaskDetector.Detect(["a", "b"], "t", training));
        Assert.Equal(7, error.Line);
        Assert.Contains("training.task", error.Message);
    }

    [Fact]
    public void A_constant_target_is_rejected_naming_the_column()
    {
        var error = Assert.Throws<InputException>(() => TaskDetector.Detect(["no", "no"], "churn"));
        Assert.Contains("'churn'", error.Message);
    }
}

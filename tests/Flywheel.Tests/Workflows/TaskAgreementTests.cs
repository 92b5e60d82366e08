using System.Globalization;
using System.Text.Json;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;
using Flywheel.Reports;
using Flywheel.Serving;
using Flywheel.Tasks;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

/// <summary>Profile, training, evaluation and serving see one task and one positive class for the same target.</summary>
public class TaskAgreementTests
{
    private static UseCaseFolder Folder(string csv)
    {
        var folder = new UseCaseFolder("""
            name: agreement
            statement: As a tester, I see one task everywhere.
            data:
              source: data.csv
              target: y
            training:
              trainers: [LightGbm]
              ensemble: false
            """);
        File.WriteAllText(folder.File("data.csv"), csv);
        return folder;
    }

    private static string Rows(Func<int, string> target) =>
        "a,b,y\n" + string.Concat(Enumerable.Range(0, 120).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i % 7},{(i * 3) % 11 + 0.5},{target(i)}\n")));

    private static JsonElement ProfileJson(string folder)
    {
        using var source = DataSource.Open(folder);
        return JsonDocument.Parse(DataReportJson.Profile(Profiler.Profile(source))).RootElement.GetProperty("target");
    }

    private static TrainOutcome Train(string folder) =>
        TrainWorkflow.Run(UseCaseLoader.Load(folder), new TrainRequest(MaxTrials: 1, Importance: false));

    [Fact]
    public void A_five_valued_integer_target_is_multiclass_in_the_profile_and_in_training()
    {
        using var folder = Folder(Rows(i => (1 + i % 5).ToString(CultureInfo.InvariantCulture)));
        var profiled = ProfileJson(folder.Path);
        Assert.Equal("multiclass", profiled.GetProperty("task").GetString());
        Assert.True(profiled.GetProperty("isClassification").GetBoolean());
        Assert.Equal("'y' has 5 distinct small whole numbers", profiled.GetProperty("taskReason").GetString());

        var outcome = Train(folder.Path);
        Assert.Equal("multiclass", outcome.Record.Task);
        Assert.Equal(profiled.GetProperty("taskReason").GetString(), outcome.Record.TaskReason);
        Assert.Equal(MlTask.Multiclass, ScoringModel.Load(outcome.PackageDirectory).Spec.Task);
    }

    [Fact]
    public void The_positive_class_is_the_same_in_profile_training_evaluation_and_serving()
    {
        // No yes-like name: the rarer class, 'leaves' (30 of 120), is positive.
        using var folder = Folder(Rows(i => i % 4 == 0 ? "leaves" : "stays"));
        Assert.Equal("leaves", ProfileJson(folder.Path).GetProperty("positive").GetString());

        var outcome = Train(folder.Path);
        Assert.Equal(["stays", "leaves"], outcome.Test.ConfusionMatrix!.Classes);
        var spec = ScoringModel.Load(outcome.PackageDirectory).Spec;
        Assert.Equal(new BinaryClasses("stays", "leaves"), spec.BinaryClasses());

        var evaluated = LabelledDataEvaluation.Run(ScoringModel.Load(outcome.PackageDirectory), folder.File("data.csv"));
        Assert.Equal(["stays", "leaves"], evaluated.Report.ConfusionMatrix!.Classes);
    }

    [Fact]
    public void A_declared_positive_class_is_used_on_every_path()
    {
        using var folder = Folder(Rows(i => i % 4 == 0 ? "leaves" : "stays"));
        var yaml = File.ReadAllText(folder.File("flywheel.yaml")).Replace("  target: y\n", "  target: y\n  positive: stays\n", StringComparison.Ordinal);
        File.WriteAllText(folder.File("flywheel.yaml"), yaml);
        Assert.Equal("stays", ProfileJson(folder.Path).GetProperty("positive").GetString());
        var outcome = Train(folder.Path);
        Assert.Equal(["leaves", "stays"], outcome.Test.ConfusionMatrix!.Classes);
        Assert.Equal("stays", ScoringModel.Load(outcome.PackageDirectory).Spec.BinaryClasses().Positive);
    }
}

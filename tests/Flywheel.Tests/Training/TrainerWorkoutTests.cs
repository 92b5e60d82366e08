using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;
using Microsoft.ML;

namespace Flywheel.Tests.Training;

/// <summary>Every trainer on every task it claims: it checks the schema before fitting, learns the signal, and a saved and reloaded model predicts identically.</summary>
public class TrainerWorkoutTests
{
    public static TheoryData<string, MlTask> Pairs()
    {
        var data = new TheoryData<string, MlTask>();
        foreach (var trainer in TrainerCatalog.All)
            foreach (var task in trainer.Tasks.Order())
                data.Add(trainer.Name, task);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Workout(string trainerName, MlTask task)
    {
        var trainer = TrainerCatalog.All.Single(t => t.Name == trainerName);
        var hyperparameters = Small(trainer);
        var train = Synthetic.Table(task, 400, seed: 1);
        var test = Synthetic.Table(task, 200, seed: 2);

        // The schema is checked before any training: a label of the wrong type fails naming the column.
        var ml = new MLContext(7);
        var wrongTask = task == MlTask.Regression ? MlTask.Binary : MlTask.Regression;
        var wrongView = Synthetic.Table(wrongTask, 20, seed: 3).ToDataView(ml);
        var estimator = trainer.Build(new TrainerContext(ml, task, 7), hyperparameters);
        var schemaError = Assert.ThrowsAny<Exception>(() => estimator.Fit(wrongView));
        Assert.Contains("Label", schemaError.Message);

        // It learns the signal.
        var model = TrialRunner.Fit(trainer, hyperparameters, 7, train);
        var predictions = TrialRunner.Predict(model, test, 7);
        if (task == MlTask.Regression)
            Assert.True(new RmseScorer().Score(predictions).Objective < 4.0, $"{trainerName} RMSE too high");
        else
            Assert.True(new AccuracyScorer().Score(predictions).Objective > 0.7, $"{trainerName} accuracy too low");

        // A saved and reloaded model predicts identically.
        var view = test.ToDataView(ml);
        using var stream = new MemoryStream();
        ml.Model.Save(model, view.Schema, stream);
        stream.Position = 0;
        var reloaded = new MLContext(7).Model.Load(stream, out _);
        var again = Predictions.Read(reloaded.Transform(view), task, test.Labels);
        Assert.Equal(predictions.Values, again.Values);
    }

    /// <summary>Defaults with fewer iterations, to keep the workout quick.</summary>
    private static HyperparameterSet Small(TrainerDefinition trainer)
    {
        var defaults = trainer.Space.Defaults();
        return trainer.Iterations is { } knob ? defaults.With(knob.Name, Math.Min(defaults[knob.Name], 50)) : defaults;
    }
}

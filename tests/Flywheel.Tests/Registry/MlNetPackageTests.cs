using Flywheel.Registry;
using Flywheel.Tests.Storage;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Tests.Registry;

/// <summary>A real ML.NET model through a package: stable id across trainings, identical predictions after reload.</summary>
public class MlNetPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-mlnet-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Row
    {
        public float X { get; set; }
        public float Y { get; set; }
    }

    private sealed class Prediction
    {
        [ColumnName("Score")]
        public float Score { get; set; }
    }

    private static (byte[] Zip, float[] Scores) Train()
    {
        var ml = new MLContext(seed: 7);
        var rows = Enumerable.Range(0, 40).Select(i => new Row { X = i, Y = 3 * i + 1 + (i % 3) }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Concatenate("Features", nameof(Row.X))
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: nameof(Row.Y), maximumNumberOfIterations: 20));
        var model = pipeline.Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        return (zip.ToArray(), Score(ml, model, rows));
    }

    private static float[] Score(MLContext ml, ITransformer model, List<Row> rows) =>
        ml.Data.CreateEnumerable<Prediction>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).Select(p => p.Score).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_package_and_the_packaged_model_predicts_identically()
    {
        var first = Train();
        Thread.Sleep(1100); // zip entry times have two-second resolution; make sure the raw zips could differ
        var second = Train();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);

        var a = ModelPackageWriter.Write(PackageSamples.Content() with { ModelZip = first.Zip }, _root, clock);
        var b = ModelPackageWriter.Write(PackageSamples.Content() with { ModelZip = second.Zip }, _root, clock);

        Assert.Equal(a.Id, b.Id);
        var ml = new MLContext(seed: 7);
        using var stream = ModelPackage.Open(a.Path).OpenModel();
        var reloaded = ml.Model.Load(stream, out _);
        var rows = Enumerable.Range(0, 40).Select(i => new Row { X = i, Y = 0 }).ToList();
        Assert.Equal(first.Scores, Score(ml, reloaded, rows));
    }
}

#:project ../../src/Flywheel/Flywheel.csproj
#:property PublishAot=false
// Flywheel as a library: train a churn model on the sample data, price its decisions, score rows — no YAML file.
// Run from anywhere: dotnet run samples/library/quickstart.cs
using Flywheel;
using Flywheel.Catalogs;

var here = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory();
var data = Path.Combine(here, "..", "churn", "data", "mlc_churn.csv");
var workspace = Path.Combine(Path.GetTempPath(), $"flywheel-quickstart-{Guid.NewGuid():N}");

var clock = System.Diagnostics.Stopwatch.StartNew();

var flywheel = FlywheelContext.CreateBuilder(workspace).UseSeed(7).Build();
var trained = await flywheel.Training.TrainAsync(data, "churn", new TrainingOptions
{
    Name = "churn",
    Positive = "yes",
    Budget = TimeSpan.FromSeconds(10),
    MaxTrials = 2,
    Trainers = ["LightGbm", "Lbfgs"],
    Ensemble = false,
    Importance = false,
    // An offer costs 500 JPY; a customer lost costs 200,000 JPY to replace.
    Prices = PriceTable.Binary(truePositive: -500, falsePositive: -500, falseNegative: -200_000, trueNegative: 0, "JPY") with { Volume = "100 customers/day" },
});
var model = await flywheel.Serving.LoadAsync("churn@candidate");
var scored = flywheel.Serving.Score(model, flywheel.Data.Load(data));

Console.WriteLine($"model: {trained.Version} ({trained.Record.Trainer})");
Console.WriteLine($"test AUC: {trained.Test.Metric("auc"):0.000}");
Console.WriteLine($"offer threshold: {trained.Test.Decision?.Threshold:0.0000}, value per day: {trained.Test.Decision?.ValuePerDay:N0} JPY");
Console.WriteLine($"scored rows: {scored.Count}, offers: {scored.Count(row => row.Label == "yes")}");
Console.WriteLine($"trained and scored in {clock.Elapsed.TotalSeconds:0} s");
Directory.Delete(workspace, recursive: true);

using Flywheel.Catalogs;
using Flywheel.Tasks;
using Flywheel.Tests.Workflows;

namespace Flywheel.Tests.Catalogs;

/// <summary>The front door: train without YAML, register, alias, load and score from many threads, price again.</summary>
public sealed class FlywheelContextTests : IDisposable
{
    private static readonly string Penguins = UseCaseFolder.Repo("samples/penguins/data/penguins.csv");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-context-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static TrainingOptions Small(PriceTable? prices = null) => new()
    {
        Name = "penguins", MaxTrials = 2, Trainers = ["LightGbm", "Lbfgs"], Importance = false, Budget = TimeSpan.FromMinutes(5), Prices = prices,
    };

    // Rows are the actual species (Adelie, Chinstrap, Gentoo), columns the predicted one: a mistake costs 100 EUR.
    private static PriceTable Mistakes(double cost) => PriceTable.Multiclass([[0, -cost, -cost], [-cost, 0, -cost], [-cost, -cost, 0]], "EUR");

    [Fact]
    public async Task Trains_without_a_use_case_file_registers_and_scores_from_several_threads()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).UseSeed(3).UseActor("test").Build();

        var trained = await flywheel.Training.TrainAsync(Penguins, "species", Small());

        Assert.Equal("penguins:1", trained.Version);
        Assert.Equal(MlTask.Multiclass.Name(), trained.Record.Task);
        Assert.Equal(3, trained.Record.Seed);
        Assert.Equal(2, trained.Record.Trials.Count);
        Assert.True(trained.Test.Metric("accuracy") >= 0.95);
        Assert.False(File.Exists(Path.Combine(_folder, "flywheel.yaml")));
        Assert.True(File.Exists(Path.Combine(_folder, ".flywheel", "flywheel.db")));
        Assert.Equal(["penguins"], await flywheel.Registry.ModelsAsync());
        Assert.Equal([1], (await flywheel.Registry.VersionsAsync("penguins")).Select(v => v.Version));

        await flywheel.Registry.SetAliasAsync("penguins:1", "production");
        Assert.Contains(await flywheel.Registry.AliasesAsync("penguins"), alias => alias.Alias == "production" && alias.Version == 1);

        var model = await flywheel.Serving.LoadAsync("penguins@production");
        var table = flywheel.Data.Load(Penguins);
        var once = flywheel.Serving.Score(model, table);
        Assert.Equal(344, once.Count);
        // Eight threads share the one model; each gets exactly what the single-threaded pass got.
        var results = new IReadOnlyList<Flywheel.Serving.ScoredRow>[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = flywheel.Serving.Score(model, table));
        static IEnumerable<string> Flat(IReadOnlyList<Flywheel.Serving.ScoredRow> rows) =>
            rows.Select(row => $"{row.Score:R} {row.SuggestedLabel} {row.Decision} {string.Join(",", row.ClassProbabilities ?? [])}");
        Assert.All(results, result => Assert.Equal(Flat(once), Flat(result)));
        Assert.Equal("Adelie", once[0].SuggestedLabel);
    }

    [Fact]
    public async Task Prices_a_trained_model_again_with_another_table()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).UseSeed(3).Build();
        var trained = await flywheel.Training.TrainAsync(Penguins, "species", Small(Mistakes(100)));
        var atTraining = Assert.IsType<Flywheel.Evaluation.Decisions.DecisionReport>(trained.Test.Decision);
        Assert.Equal("EUR", atTraining.Currency);

        // The same table gives the same decision training reported; prices twice as high, the same policy at twice the cost.
        var same = flywheel.Decisions.Price(trained, Mistakes(100));
        Assert.Equal(atTraining.ValuePerItem, same.Test.ValuePerItem, 12);
        var doubled = flywheel.Decisions.Price(trained, Mistakes(200));
        Assert.Equal(2 * atTraining.ValuePerItem, doubled.Test.ValuePerItem, 9);
        Assert.True(atTraining.ValuePerItem <= 0 && atTraining.ValuePerItem >= -100);

        Assert.Throws<InputException>(() => flywheel.Decisions.Price(trained, PriceTable.Binary(1, -1, -1, 0, "EUR")));
    }

    [Fact]
    public void The_options_become_the_use_case_the_file_would_describe()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).UseSeed(11).Build();
        var useCase = flywheel.Training.UseCaseFor(Penguins, "species", new TrainingOptions
        {
            Task = MlTask.Multiclass, Budget = TimeSpan.FromSeconds(9), Drop = ["island"], Prices = PriceTable.Binary(-1, -2, -3, 0, "JPY") with { Volume = "10 items/day" },
        });

        Assert.Equal("penguins", useCase.Name);
        Assert.Equal(_folder, useCase.Directory);
        Assert.Equal(Penguins, useCase.Data!.Source.Value);
        Assert.Equal(["island"], useCase.Data.Drop);
        Assert.Equal(11, useCase.Data.Split.Seed);
        Assert.Equal("multiclass", useCase.Training!.Task);
        Assert.Equal(TimeSpan.FromSeconds(9), useCase.Training.Budget);
        Assert.Equal(["-1 JPY", "-2 JPY", "-3 JPY", "0 JPY"], new[] { "tp", "fp", "fn", "tn" }.Select(key => useCase.Decision!.Outcomes[key].Value));
        Assert.Equal("10 items/day", useCase.Decision!.Volume!.Value);
        Assert.Throws<InputException>(() => flywheel.Training.UseCaseFor(Path.Combine(_folder, "missing.csv"), "y", new TrainingOptions()));
    }

    [Fact]
    public void Data_catalog_loads_profiles_diagnoses_and_splits()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).UseSeed(5).Build();

        Assert.Equal(344, flywheel.Data.Load(Penguins).RowCount);
        var profile = flywheel.Data.Profile(Penguins, "species");
        Assert.Equal(344, profile.Rows);
        Assert.Equal("species", profile.Target!.Name);
        Assert.Equal(8, profile.Columns.Count);
        var (_, report) = flywheel.Data.Diagnose(Penguins, "species");
        Assert.Equal(344, report.Rows);
        Assert.Equal("species", report.Target);
        var split = flywheel.Data.Split(Penguins, "species");
        Assert.Equal(5, split.Assignment.Settings.Seed);
        Assert.Equal(344, split.Counts.Sum(count => count.Rows));
    }
}

using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Server.Tests.Hosting;

/// <summary>
/// Trains the churn (binary) and penguins (multiclass) samples once, three trials each, into temporary use-case
/// folders whose stores hold <c>@candidate</c>; every server test class shares them and copies them before changing anything.
/// </summary>
public sealed class TrainedModels : IDisposable
{
    public TrainedModels()
    {
        Churn = Train("churn", "data/mlc_churn.csv");
        Penguins = Train("penguins", "data/penguins.csv");
    }

    public TrainedUseCase Churn { get; }
    public TrainedUseCase Penguins { get; }

    private static TrainedUseCase Train(string sample, string source)
    {
        var folder = TempFolder.FromSample(sample, source);
        var useCase = UseCaseLoader.Load(folder.Path);
        var outcome = TrainWorkflow.Run(useCase, new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 3));
        return new TrainedUseCase(folder, useCase.Name, outcome);
    }

    public void Dispose()
    {
        Churn.Folder.Dispose();
        Penguins.Folder.Dispose();
    }
}

public sealed record TrainedUseCase(TempFolder Folder, string Name, TrainOutcome Outcome)
{
    /// <summary>A fresh copy of the trained use case (store and artifacts included), for a test that changes state.</summary>
    public TempFolder Copy() => Folder.CopyTo(new TempFolder());
}

[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModels>
{
    public const string Name = "trained models";
}

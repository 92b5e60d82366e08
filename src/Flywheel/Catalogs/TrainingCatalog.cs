using Flywheel.Tasks;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Catalogs;

/// <summary>
/// The Training stage without a YAML file: the options become an in-memory use case (the same records the file
/// readers produce) and <see cref="TrainWorkflow"/> runs on it — load, detect the task, split, search, refit, test,
/// price, package, and register as <c>name@candidate</c> in the context's store.
/// </summary>
public sealed class TrainingCatalog
{
    private readonly FlywheelOptions _options;

    internal TrainingCatalog(FlywheelOptions options) => _options = options;

    public Task<TrainOutcome> TrainAsync(string dataFile, string target, TrainingOptions? options = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new TrainingOptions();
        var useCase = UseCaseFor(dataFile, target, options);
        var request = new TrainRequest(options.Budget, options.Seed ?? _options.Seed, options.MaxTrials, options.Importance, _options.Store)
        {
            LoggerFactory = _options.LoggerFactory,
        };
        return TrainWorkflow.RunAsync(useCase, request, progress, cancellation);
    }

    /// <summary>Trains from a use-case folder or file, as <c>flywheel train</c> does, recording in the context's store.</summary>
    public Task<TrainOutcome> TrainAsync(UseCase useCase, TimeSpan? budget = null, int? maxTrials = null, CancellationToken cancellation = default) =>
        TrainWorkflow.RunAsync(useCase, new TrainRequest(budget, null, maxTrials, Store: _options.Store) { LoggerFactory = _options.LoggerFactory }, null, cancellation);

    /// <summary>The use case the options describe, as if read from a <c>flywheel.yaml</c> in the context's folder.</summary>
    public UseCase UseCaseFor(string dataFile, string target, TrainingOptions options)
    {
        var source = Path.GetFullPath(dataFile);
        if (!File.Exists(source)) throw new InputException("no such data file", source);
        var name = options.Name ?? Path.GetFileNameWithoutExtension(source);
        var seed = options.Seed ?? _options.Seed;
        var at = new SourcePosition("training options", 1, 1);
        var data = new DataSection(new Positioned<string>(source, at), target, options.Positive, options.Drop,
            new ColumnRoles([], [], null, []), new Dictionary<string, string>(StringComparer.Ordinal), SplitSpec.Default with { Seed = seed }, at);
        var training = new TrainingSection(options.Task?.Name() ?? "auto", options.Budget, options.Objective, options.Trainers, seed, at, options.Ensemble);
        return new UseCase(name, $"predict {target} from {Path.GetFileName(source)}", null, null, data, training, options.Prices?.ToSection(),
            Path.Combine(_options.Folder, "flywheel.yaml"))
        {
            // The caller named this file itself, as a path typed on the command line: its folder is allowed.
            DataRoots = [Path.GetDirectoryName(source)!],
        };
    }
}

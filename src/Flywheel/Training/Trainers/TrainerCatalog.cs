using Flywheel.Tasks;

namespace Flywheel.Training.Trainers;

/// <summary>
/// Every trainer the search may try, in the order their defaults are tried: the trees that win on most tabular data
/// first, the cheap linear models next, GAM (readable but the slowest to fit) last, so a short budget is not spent
/// before the strong candidates ran. Adding a trainer is adding one file and one line here.
/// </summary>
public static class TrainerCatalog
{
    public static IReadOnlyList<TrainerDefinition> All { get; } =
    [
        LightGbm.Definition,
        FastForest.Definition,
        FastTree.Definition,
        Lbfgs.Definition,
        Sdca.Definition,
        Gam.Definition,
    ];

    /// <summary>
    /// The trainers for a task, narrowed to <paramref name="names"/> when the use case lists some
    /// (case-insensitive); an unknown name is the user's mistake.
    /// </summary>
    public static IReadOnlyList<TrainerDefinition> For(MlTask task, IReadOnlyList<string>? names = null)
    {
        if (names is null || names.Count == 0) return All.Where(trainer => trainer.Suits(task)).ToList();
        var chosen = new List<TrainerDefinition>();
        foreach (var name in names)
        {
            var trainer = All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InputException($"unknown trainer '{name}' in training.trainers; expected one of: {string.Join(", ", All.Select(t => t.Name))}");
            if (!trainer.Suits(task))
                throw new InputException($"trainer '{trainer.Name}' does not handle {task.Name()} tasks; it handles {string.Join(", ", trainer.Tasks.Select(t => t.Name()))}");
            chosen.Add(trainer);
        }
        return chosen;
    }
}

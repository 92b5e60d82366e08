namespace Flywheel.UseCases;

/// <summary>
/// A use case as written in its <c>flywheel.yaml</c>: who gains what, how it is priced, and (as later
/// stages are reached) the data, training and decision settings, and the staged plan (manual → rule → ML).
/// </summary>
public sealed record UseCase(
    string Name,
    string Statement,
    string? Owner,
    ValueSection? Value,
    DataSection? Data,
    TrainingSection? Training,
    DecisionSection? Decision,
    string FilePath,
    PlanSection? Plan = null)
{
    /// <summary>The <c>units</c> section: count units declared beside the built-in ones.</summary>
    public UnitsSection Units { get; init; } = UnitsSection.None;

    /// <summary>The <c>monitoring</c> section, or null when the file has none (<see cref="MonitoringSection.Default"/> applies).</summary>
    public MonitoringSection? Monitoring { get; init; }

    /// <summary>The monitoring settings in force: the file's, else the defaults.</summary>
    public MonitoringSection MonitoringOrDefault => Monitoring ?? MonitoringSection.Default(FilePath);

    /// <summary>The <c>review</c> section (the human review queue), or null when the file has none.</summary>
    public ReviewSection? Review { get; init; }

    /// <summary>The review queue settings in force: the file's, else the defaults.</summary>
    public ReviewSection ReviewOrDefault => Review ?? ReviewSection.Default(FilePath);

    /// <summary>The <c>approvals</c> section (team sign-offs of the value and of promotions), or null when the file has none.</summary>
    public ApprovalsSection? Approvals { get; init; }

    /// <summary>The <c>canvas</c> section (the business model canvas and the growth cycle's stated conditions), or null when the file has none.</summary>
    public CanvasSection? Canvas { get; init; }

    /// <summary>
    /// The SHA-256 of the bytes this use case was read from (or written as), lower-case hex: what an editor sends back
    /// to say which file it changes, taken from the same read as the content so the two always agree.
    /// </summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Folders outside the use-case folder that <c>data.source</c> may read from (see <see cref="UseCaseOptions"/>).</summary>
    public IReadOnlyList<string> DataRoots { get; init; } = [];

    /// <summary>The folder that holds the use-case file; relative paths in the file are resolved against it.</summary>
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(FilePath))!;

    public string Resolve(string relativePath) => Path.GetFullPath(Path.Combine(Directory, relativePath));
}

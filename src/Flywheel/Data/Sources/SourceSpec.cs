using Flywheel.UseCases;

namespace Flywheel.Data.Sources;

/// <summary>
/// What to open and how: the data file, its format, the target and any declared column kinds. Built from a
/// data file given directly, or from a use-case folder (or its flywheel.yaml) whose <c>data</c> section names the file.
/// </summary>
public sealed record SourceSpec(
    string FilePath,
    SourceFormat Format,
    string? Target,
    string? Positive,
    IReadOnlyDictionary<string, ColumnKind> DeclaredKinds,
    UseCase? UseCase)
{
    /// <summary><c>data.csv</c>: what the use case declares about the CSV dialect (the rest is sniffed).</summary>
    public CsvSection Csv { get; init; } = CsvSection.None;

    /// <summary>Where a mistake about the target or a column should point: the use-case file when there is one.</summary>
    public string DescribedIn => UseCase?.FilePath ?? FilePath;

    /// <summary>A data file, a use-case folder, or a flywheel.yaml. <paramref name="target"/> overrides the use case's target.</summary>
    public static SourceSpec Resolve(string fileOrDirectory, string? target = null, UseCaseOptions? options = null)
    {
        if (Directory.Exists(fileOrDirectory) || IsUseCaseFile(fileOrDirectory))
            return FromUseCase(UseCaseLoader.Load(fileOrDirectory, options), target);
        if (!File.Exists(fileOrDirectory))
            throw new InputException("no such file or folder; give a CSV or Parquet file, or a use-case folder with a flywheel.yaml", fileOrDirectory);
        return ForFile(fileOrDirectory, target);
    }

    public static SourceSpec ForFile(string path, string? target = null, string? positive = null, IReadOnlyDictionary<string, ColumnKind>? kinds = null) =>
        new(Path.GetFullPath(path), FormatOf(path), target, positive, kinds ?? new Dictionary<string, ColumnKind>(), null);

    public static SourceSpec FromUseCase(UseCase useCase, string? target = null)
    {
        var data = useCase.Data
            ?? throw new InputException("the use case has no 'data' section; add 'data: { source: data/your.csv, target: column }'", useCase.FilePath);
        var path = useCase.Resolve(data.Source.Value);
        if (!File.Exists(path))
            throw data.Source.Position.Error($"the data source '{data.Source.Value}' does not exist (looked for {path})");
        SourceConfinement.Check(useCase, data.Source, path);
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var (column, kindName) in data.Schema)
            kinds[column] = ColumnKinds.TryParse(kindName, out var kind) ? kind : throw new InputException($"unknown kind '{kindName}' for column '{column}'", useCase.FilePath);
        foreach (var column in data.Roles.Text) kinds.TryAdd(column, ColumnKind.Text);
        // data.positive names a class of data.target; profiling another column does not inherit it.
        var positive = target is null || target == data.Target ? data.Positive : null;
        return new SourceSpec(path, FormatOf(path), target ?? data.Target, positive, kinds, useCase) { Csv = data.Csv };
    }

    private static bool IsUseCaseFile(string path) =>
        File.Exists(path) && (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));

    private static SourceFormat FormatOf(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pq", StringComparison.OrdinalIgnoreCase)
            ? SourceFormat.Parquet
            : SourceFormat.Csv;
}

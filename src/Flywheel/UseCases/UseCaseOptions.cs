namespace Flywheel.UseCases;

/// <summary>
/// What the host allows a use case to reach, passed in when it is loaded (the library reads no environment).
/// </summary>
/// <param name="DataRoots">
/// Folders a <c>data.source</c> outside the use-case folder may resolve into (symbolic links followed first). The CLI
/// fills them from <c>--data-root</c> and <c>FLYWHEEL_DATA_ROOTS</c>; a server from its configuration.
/// </param>
public sealed record UseCaseOptions(IReadOnlyList<string> DataRoots)
{
    public static UseCaseOptions Default { get; } = new([]);
}

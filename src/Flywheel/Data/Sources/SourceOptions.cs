using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Data.Sources;

/// <summary>How to open a source.</summary>
/// <param name="Materialize">
/// Load the file once into a DuckDB table (columnar, compressed, spilled to <see cref="TempDirectory"/> when it does
/// not fit in memory), so that the many scans of a profile do not parse the file again. Off: a view over the file.
/// </param>
/// <param name="Threads">DuckDB worker threads; null lets DuckDB use every core.</param>
/// <param name="MemoryLimit">DuckDB memory limit such as "2GB"; null keeps DuckDB's default (80% of RAM).</param>
/// <param name="TempDirectory">Where DuckDB spills; null uses a folder under the system temp path.</param>
public sealed record SourceOptions(bool Materialize = true, int? Threads = null, string? MemoryLimit = null, string? TempDirectory = null)
{
    public static SourceOptions Default { get; } = new();

    /// <summary>Where opening and querying report: what was loaded (Information), each query's time (Trace).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}

/// <summary>A step of long data work, for progress bars: <paramref name="Fraction"/> of the whole, in [0, 1].</summary>
public sealed record DataProgress(string Stage, double Fraction);

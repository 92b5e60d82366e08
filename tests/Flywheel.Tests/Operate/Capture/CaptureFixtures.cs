using Flywheel.Operate.Capture;

namespace Flywheel.Tests.Operate.Capture;

/// <summary>A temporary artifact root and capture events made to order.</summary>
internal sealed class CaptureRoot : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flywheel-capture-test-{Guid.NewGuid():N}");

    public CaptureRoot() => Directory.CreateDirectory(Path);

    public CaptureOptions Options(int capacity = 10_000) => new() { Root = Path, Capacity = capacity, WriterId = "w1" };

    public string[] Files(string relative = "capture") =>
        Directory.Exists(System.IO.Path.Combine(Path, relative))
            ? Directory.GetFiles(System.IO.Path.Combine(Path, relative), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

internal static class Events
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 58, 0, TimeSpan.Zero);

    public static CaptureEvent Make(int i, DateTimeOffset time, string variant = "primary", string endpoint = "churn", string? inferenceId = null) =>
        new(endpoint, variant, "churn:3", inferenceId ?? $"inf-{i:D6}", $"evt-{i:D6}", time,
            "text/csv", $"{i},0.5,yes", "application/json", $"{{\"predictions\":[{{\"score\":0.{i % 10}}}]}}", TimeSpan.FromMilliseconds(1.25));
}

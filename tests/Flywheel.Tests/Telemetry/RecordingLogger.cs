using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Flywheel.Tests.Telemetry;

/// <summary>A logger factory that keeps every line (category, level, formatted message), for asserting what the library logs.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    public sealed record Line(string Category, LogLevel Level, string Message);

    private readonly ConcurrentQueue<Line> _lines = new();

    public IReadOnlyList<Line> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<Line> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new Line(category, logLevel, formatter(state, exception)));
    }
}

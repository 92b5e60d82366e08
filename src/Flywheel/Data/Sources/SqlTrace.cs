using System.Data.Common;
using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Data.Sources;

/// <summary>
/// Runs a source's DuckDB commands: each one bound to the cancellation token (a cancelled token interrupts the
/// running query through <see cref="DuckDBCommand.Cancel"/>, and the caller sees an
/// <see cref="OperationCanceledException"/>, never a reader error), and timed at Trace level on the logger — where a
/// profile spends its time, without a profiler.
/// </summary>
internal sealed class SqlTrace(ILogger logger, CancellationToken cancellation)
{
    private const int Opening = 160;

    public static SqlTrace None { get; } = new(NullLogger.Instance, CancellationToken.None);

    public ILogger Logger => logger;

    public CancellationToken Cancellation => cancellation;

    public T Run<T>(DbCommand command, Func<T> run)
    {
        cancellation.ThrowIfCancellationRequested();
        var clock = logger.IsEnabled(LogLevel.Trace) ? Stopwatch.StartNew() : null;
        using var registration = Bind(command);
        try
        {
            var result = run();
            // An interrupt that came before DuckDB started the query is lost; a cancelled query still ends cancelled.
            cancellation.ThrowIfCancellationRequested();
            return result;
        }
        catch (DbException error) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException("the query was cancelled", error, cancellation);
        }
        finally
        {
            if (clock is not null)
            {
                var sql = command.CommandText;
                logger.LogTrace("sql {Seconds:0.000} s  {Sql}", clock.Elapsed.TotalSeconds, sql.Length <= Opening ? sql : sql[..Opening] + "…");
            }
        }
    }

    /// <summary>
    /// Interrupts <paramref name="command"/> when the token is cancelled, until disposed. DuckDB drops an interrupt that
    /// arrives before the query starts, so it is repeated every 50 ms until the command is done.
    /// </summary>
    public IDisposable Bind(DbCommand command) => new QueryInterrupt(command, cancellation);

    private sealed class QueryInterrupt : IDisposable
    {
        private readonly CancellationTokenRegistration _registration;
        private Timer? _timer;
        private int _disposed;

        public QueryInterrupt(DbCommand command, CancellationToken cancellation)
        {
            if (!cancellation.CanBeCanceled) return;
            _registration = cancellation.Register(() =>
            {
                if (Volatile.Read(ref _disposed) == 0)
                    _timer = new Timer(_ => { if (Volatile.Read(ref _disposed) == 0) command.Cancel(); }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
            });
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref _disposed, 1);
            _registration.Dispose();
            _timer?.Dispose();
        }
    }

    public Exception Cancelled(Exception error) =>
        cancellation.IsCancellationRequested ? new OperationCanceledException("the query was cancelled", error, cancellation) : error;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Zhizao.Server.Tests.Infrastructure;

/// <summary>Keeps what a test server logs at warning level and above, so that tests can show it and assert on it.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>The entries, as "Level Category[EventId]: message".</summary>
    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Entries at error level and above.</summary>
    public IEnumerable<string> Errors => _entries.Where(e => e.StartsWith(nameof(LogLevel.Error), StringComparison.Ordinal) || e.StartsWith(nameof(LogLevel.Critical), StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                entries.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}

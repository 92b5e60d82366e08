namespace Flywheel;

/// <summary>
/// A mistake in what the user gave us (a file, a field, a value): <see cref="ErrorKind.Validation"/>. Hosts print the
/// message without a stack trace and exit with code 2.
/// </summary>
public sealed class InputException : FlywheelException
{
    public InputException(string message, string? file = null, int? line = null, int? column = null, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string? File { get; }
    public int? Line { get; }
    public int? Column { get; }

    public override ErrorKind Kind => ErrorKind.Validation;

    /// <summary>"file:line:column: message", with whatever parts are known.</summary>
    public override string Describe()
    {
        if (File is null) return Message;
        var where = File;
        if (Line is int line)
        {
            where += $":{line}";
            if (Column is int column) where += $":{column}";
        }
        return $"{where}: {Message}";
    }
}

namespace Flywheel;

/// <summary>What kind of mistake an error is: hosts map it to an exit code or an HTTP status, never to message text.</summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or breaks a rule (exit 2, HTTP 400).</summary>
    Validation,

    /// <summary>A model, version, alias, run or artifact the input names does not exist (exit 3, HTTP 404).</summary>
    NotFound,

    /// <summary>The request contradicts the store's current state (exit 4, HTTP 409).</summary>
    Conflict,
}

/// <summary>
/// A mistake of the caller's, not a bug: hosts print <see cref="Describe"/> without a stack trace and exit with
/// <see cref="ErrorKinds.ExitCode"/> (a server answers <see cref="ErrorKinds.HttpStatus"/>).
/// </summary>
public abstract class FlywheelException(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract ErrorKind Kind { get; }

    /// <summary>The message with whatever says where the mistake is (file, line, column, or the field or name).</summary>
    public virtual string Describe() => Message;
}

/// <summary>Something the caller named does not exist: a model, version, alias, run or artifact.</summary>
public sealed class NotFoundException(string message, string? subject = null, Exception? inner = null) : FlywheelException(message, inner)
{
    public override ErrorKind Kind => ErrorKind.NotFound;

    /// <summary>What was looked for ("model", "alias", "run", …), for hosts that want to say it apart.</summary>
    public string? Subject { get; } = subject;

    public override string Describe() => Subject is null ? Message : $"{Subject}: {Message}";
}

/// <summary>The request clashes with the store's state (an alias already there, a duplicate, a finished run).</summary>
public sealed class ConflictException(string message, string? subject = null, Exception? inner = null) : FlywheelException(message, inner)
{
    public override ErrorKind Kind => ErrorKind.Conflict;

    public string? Subject { get; } = subject;

    public override string Describe() => Subject is null ? Message : $"{Subject}: {Message}";
}

public static class ErrorKinds
{
    /// <summary>The CLI's exit code: Validation 2, NotFound 3, Conflict 4 (1 stays "unexpected failure").</summary>
    public static int ExitCode(this ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => 2,
        ErrorKind.NotFound => 3,
        ErrorKind.Conflict => 4,
        _ => 1,
    };

    /// <summary>The HTTP status a server answers with: 400, 404, 409.</summary>
    public static int HttpStatus(this ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => 400,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        _ => 500,
    };

    public static int ExitCode(this FlywheelException error) => error.Kind.ExitCode();

    public static int HttpStatus(this FlywheelException error) => error.Kind.HttpStatus();
}

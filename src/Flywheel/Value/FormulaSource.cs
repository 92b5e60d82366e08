using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>Where an expression was written: its text, its place in the use-case file and what it is (for messages).</summary>
public sealed record FormulaSource(string Text, SourcePosition Position, string Label)
{
    public static FormulaSource From(Positioned<string> text, string label) => new(text.Value, text.Position, label);

    /// <summary>An error at a 1-based line and column inside the expression, placed in the file.</summary>
    public InputException Error(int line, int column, string message)
    {
        var fileLine = Position.Line + line - 1;
        var fileColumn = line == 1 ? Position.Column + column - 1 : column;
        return new InputException($"{Label}: {message}", Position.File, fileLine, fileColumn);
    }

    public InputException Error(TextPosition at, string message) => Error(at.Line, at.Column, message);

    public InputException Error(string message) => new($"{Label}: {message}", Position.File, Position.Line, Position.Column);
}

/// <summary>A 1-based line and column inside an expression.</summary>
public readonly record struct TextPosition(int Line, int Column);

using Superpower;
using Superpower.Display;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace Flywheel.Value;

public enum FormulaToken
{
    [Token(Description = "number")] Number,
    [Token(Description = "name")] Name,
    [Token(Example = "+")] Plus,
    [Token(Example = "-")] Minus,
    [Token(Example = "*")] Times,
    [Token(Example = "/")] Divide,
    [Token(Example = "^")] Caret,
    [Token(Example = "(")] LeftParenthesis,
    [Token(Example = ")")] RightParenthesis,
    [Token(Example = ",")] Comma,
    [Token(Example = "<")] Less,
    [Token(Example = "<=")] LessOrEqual,
    [Token(Example = ">")] Greater,
    [Token(Example = ">=")] GreaterOrEqual,
    [Token(Example = "==")] Equal,
    [Token(Example = "!=")] NotEqual,
}

/// <summary>Splits a formula into tokens. Names may contain dots (<c>model.recall</c>) and any letters (<c>円</c>, <c>件</c>).</summary>
public static class FormulaTokenizer
{
    // 10_000_000, 7.5, 1e6, .5
    private static readonly TextParser<Superpower.Model.TextSpan> NumberText = Span.Regex(@"([0-9][0-9_]*(\.[0-9]+)?|\.[0-9]+)([eE][+-]?[0-9]+)?");

    private static readonly TextParser<Superpower.Model.TextSpan> NameText = Span.Regex(@"[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*");

    /// <summary>Whether <paramref name="text"/> is one whole name token (what parameter and formula names must be).</summary>
    public static bool IsName(string text) =>
        text.Length > 0 && NameText.AtEnd().TryParse(text) is { HasValue: true } parsed && parsed.Value.Length == text.Length;

    public static Tokenizer<FormulaToken> Instance { get; } = new TokenizerBuilder<FormulaToken>()
        .Ignore(Span.WhiteSpace)
        .Match(NumberText, FormulaToken.Number)
        .Match(NameText, FormulaToken.Name)
        .Match(Span.EqualTo("<="), FormulaToken.LessOrEqual)
        .Match(Span.EqualTo(">="), FormulaToken.GreaterOrEqual)
        .Match(Span.EqualTo("=="), FormulaToken.Equal)
        .Match(Span.EqualTo("!="), FormulaToken.NotEqual)
        .Match(Character.EqualTo('<'), FormulaToken.Less)
        .Match(Character.EqualTo('>'), FormulaToken.Greater)
        .Match(Character.EqualTo('+'), FormulaToken.Plus)
        .Match(Character.In('-', '−'), FormulaToken.Minus)
        .Match(Character.In('*', '×', '·'), FormulaToken.Times)
        .Match(Character.In('/', '÷'), FormulaToken.Divide)
        .Match(Character.EqualTo('^'), FormulaToken.Caret)
        .Match(Character.EqualTo('('), FormulaToken.LeftParenthesis)
        .Match(Character.EqualTo(')'), FormulaToken.RightParenthesis)
        .Match(Character.EqualTo(','), FormulaToken.Comma)
        .Build();
}

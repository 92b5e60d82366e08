using Superpower;
using Superpower.Display;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace Flywheel.Data.Rules;

public enum RuleToken
{
    [Token(Description = "number")] Number,
    [Token(Description = "string")] String,
    [Token(Description = "name")] Name,
    [Token(Example = "+")] Plus,
    [Token(Example = "-")] Minus,
    [Token(Example = "*")] Times,
    [Token(Example = "/")] Divide,
    [Token(Example = "(")] LeftParenthesis,
    [Token(Example = ")")] RightParenthesis,
    [Token(Example = "[")] LeftBracket,
    [Token(Example = "]")] RightBracket,
    [Token(Example = ",")] Comma,
    [Token(Example = "<")] Less,
    [Token(Example = "<=")] LessOrEqual,
    [Token(Example = ">")] Greater,
    [Token(Example = ">=")] GreaterOrEqual,
    [Token(Example = "==")] Equal,
    [Token(Example = "!=")] NotEqual,
}

/// <summary>
/// Splits a rule into tokens: numbers as in formulas, strings in double or single quotes (no escapes), names of any
/// script (<c>and</c>, <c>or</c>, <c>not</c>, <c>in</c>, <c>true</c>, <c>false</c> are read as keywords by the grammar).
/// </summary>
public static class RuleTokenizer
{
    private static readonly TextParser<Superpower.Model.TextSpan> NumberText = Span.Regex(@"([0-9][0-9_]*(\.[0-9]+)?|\.[0-9]+)([eE][+-]?[0-9]+)?");

    private static readonly TextParser<Superpower.Model.TextSpan> NameText = Span.Regex(@"[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*");

    private static readonly TextParser<Superpower.Model.TextSpan> StringText = Span.Regex("(\"[^\"\\n]*\"|'[^'\\n]*')");

    public static Tokenizer<RuleToken> Instance { get; } = new TokenizerBuilder<RuleToken>()
        .Ignore(Span.WhiteSpace)
        .Match(NumberText, RuleToken.Number)
        .Match(StringText, RuleToken.String)
        .Match(NameText, RuleToken.Name)
        .Match(Span.EqualTo("<="), RuleToken.LessOrEqual)
        .Match(Span.EqualTo(">="), RuleToken.GreaterOrEqual)
        .Match(Span.EqualTo("=="), RuleToken.Equal)
        .Match(Span.EqualTo("!="), RuleToken.NotEqual)
        .Match(Character.EqualTo('<'), RuleToken.Less)
        .Match(Character.EqualTo('>'), RuleToken.Greater)
        .Match(Character.EqualTo('+'), RuleToken.Plus)
        .Match(Character.In('-', '−'), RuleToken.Minus)
        .Match(Character.In('*', '×'), RuleToken.Times)
        .Match(Character.In('/', '÷'), RuleToken.Divide)
        .Match(Character.EqualTo('('), RuleToken.LeftParenthesis)
        .Match(Character.EqualTo(')'), RuleToken.RightParenthesis)
        .Match(Character.EqualTo('['), RuleToken.LeftBracket)
        .Match(Character.EqualTo(']'), RuleToken.RightBracket)
        .Match(Character.EqualTo(','), RuleToken.Comma)
        .Build();
}

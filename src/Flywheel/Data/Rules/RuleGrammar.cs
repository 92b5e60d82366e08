using System.Globalization;
using Flywheel.Value;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Flywheel.Data.Rules;

/// <summary>
/// The Superpower combinators of the rule language, loosest first: <c>or</c>, <c>and</c>, <c>not</c>, a comparison or
/// <c>[not] in [..]</c>, sum, product, unary minus, primary (number, string, true/false, column, parentheses).
/// Comparisons do not chain. There are no function calls, so a rule can only read columns and compute.
/// </summary>
internal static class RuleGrammar
{
    public static readonly string[] Keywords = ["and", "or", "not", "in", "true", "false"];

    public static TokenListParser<RuleToken, RuleNode> Rule { get; } = Build().AtEnd();

    private static TokenListParser<RuleToken, Token<RuleToken>> Keyword(string word) => Token.EqualToValue(RuleToken.Name, word);

    private static TokenListParser<RuleToken, RuleNode> Build()
    {
        var number = Token.EqualTo(RuleToken.Number).Select(token => (RuleNode)new NumberLiteral(ParseNumber(token.ToStringValue()), At(token)));
        var text = Token.EqualTo(RuleToken.String).Select(token => (RuleNode)new TextLiteral(token.ToStringValue()[1..^1], At(token)));
        var boolean = Keyword("true").Select(token => (RuleNode)new BooleanLiteral(true, At(token)))
            .Or(Keyword("false").Select(token => (RuleNode)new BooleanLiteral(false, At(token))));
        var column = Token.EqualTo(RuleToken.Name).Where(token => !Keywords.Contains(token.ToStringValue()), "a column name")
            .Select(token => (RuleNode)new ColumnReference(token.ToStringValue(), At(token)));

        TokenListParser<RuleToken, RuleNode>? disjunction = null;
        var inner = Parse.Ref(() => disjunction!);
        var parenthesized = inner.Between(Token.EqualTo(RuleToken.LeftParenthesis), Token.EqualTo(RuleToken.RightParenthesis));
        var primary = number.Or(text).Or(boolean).Or(column).Or(parenthesized).Named("number, string, column or '('");

        TokenListParser<RuleToken, RuleNode>? unary = null;
        var unaryRef = Parse.Ref(() => unary!);
        unary = (from minus in Token.EqualTo(RuleToken.Minus)
                 from operand in unaryRef
                 select (RuleNode)new Negate(operand, At(minus)))
            .Or(primary);

        var product = Parse.Chain(Arithmetic(RuleToken.Times, ArithmeticOperator.Multiply).Or(Arithmetic(RuleToken.Divide, ArithmeticOperator.Divide)), unary,
            (op, left, right) => new Arithmetic(op, left, right, left.At));
        var sum = Parse.Chain(Arithmetic(RuleToken.Plus, ArithmeticOperator.Add).Or(Arithmetic(RuleToken.Minus, ArithmeticOperator.Subtract)), product,
            (op, left, right) => new Arithmetic(op, left, right, left.At));

        var signedNumber = from minus in Token.EqualTo(RuleToken.Minus)
                           from value in Token.EqualTo(RuleToken.Number)
                           select (RuleNode)new NumberLiteral(-ParseNumber(value.ToStringValue()), At(minus));
        var item = number.Or(signedNumber).Or(text).Or(boolean).Named("a number, string, true or false");
        var list = from open in Token.EqualTo(RuleToken.LeftBracket)
                   from items in item.AtLeastOnceDelimitedBy(Token.EqualTo(RuleToken.Comma))
                   from close in Token.EqualTo(RuleToken.RightBracket)
                   select items;
        var membership = (from negated in Keyword("not").Optional()
                          from keyword in Keyword("in")
                          from items in list
                          select (Negated: negated.HasValue, Items: items)).Try();
        var comparisonOperator =
            Compare(RuleToken.Less, ComparisonOperator.Less).Or(Compare(RuleToken.LessOrEqual, ComparisonOperator.LessOrEqual))
            .Or(Compare(RuleToken.Greater, ComparisonOperator.Greater)).Or(Compare(RuleToken.GreaterOrEqual, ComparisonOperator.GreaterOrEqual))
            .Or(Compare(RuleToken.Equal, ComparisonOperator.Equal)).Or(Compare(RuleToken.NotEqual, ComparisonOperator.NotEqual));
        var comparison =
            from left in sum
            from rest in (from op in comparisonOperator from right in sum select (RuleNode?)new Comparison(op, left, right, left.At))
                .Or(membership.Select(m => (RuleNode?)new Membership(left, m.Items, m.Negated, left.At)))
                .OptionalOrDefault()
            select rest ?? left;

        TokenListParser<RuleToken, RuleNode>? negation = null;
        var negationRef = Parse.Ref(() => negation!);
        negation = (from not in Keyword("not")
                    from operand in negationRef
                    select (RuleNode)new Not(operand, At(not)))
            .Or(comparison);

        var conjunction = Parse.Chain(Keyword("and"), negation, (_, left, right) => new Logical(true, left, right, left.At));
        disjunction = Parse.Chain(Keyword("or"), conjunction, (_, left, right) => new Logical(false, left, right, left.At));
        return disjunction;
    }

    private static TokenListParser<RuleToken, ArithmeticOperator> Arithmetic(RuleToken token, ArithmeticOperator op) => Token.EqualTo(token).Value(op);

    private static TokenListParser<RuleToken, ComparisonOperator> Compare(RuleToken token, ComparisonOperator op) => Token.EqualTo(token).Value(op);

    private static double ParseNumber(string text) =>
        double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static TextPosition At(Token<RuleToken> token) => new(token.Position.Line, token.Position.Column);
}

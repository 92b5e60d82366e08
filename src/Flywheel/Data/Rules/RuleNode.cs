using Flywheel.Value;

namespace Flywheel.Data.Rules;

/// <summary>A parsed rule. Every node remembers where it starts in the rule text, for error messages.</summary>
public abstract record RuleNode(TextPosition At);

public sealed record NumberLiteral(double Value, TextPosition At) : RuleNode(At);

public sealed record TextLiteral(string Value, TextPosition At) : RuleNode(At);

public sealed record BooleanLiteral(bool Value, TextPosition At) : RuleNode(At);

public sealed record ColumnReference(string Name, TextPosition At) : RuleNode(At);

/// <summary>Unary minus.</summary>
public sealed record Negate(RuleNode Operand, TextPosition At) : RuleNode(At);

public sealed record Not(RuleNode Operand, TextPosition At) : RuleNode(At);

public enum ArithmeticOperator { Add, Subtract, Multiply, Divide }

public sealed record Arithmetic(ArithmeticOperator Operator, RuleNode Left, RuleNode Right, TextPosition At) : RuleNode(At);

public enum ComparisonOperator { Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual }

public sealed record Comparison(ComparisonOperator Operator, RuleNode Left, RuleNode Right, TextPosition At) : RuleNode(At);

/// <summary><c>a and b</c> (<see cref="IsAnd"/>) or <c>a or b</c>.</summary>
public sealed record Logical(bool IsAnd, RuleNode Left, RuleNode Right, TextPosition At) : RuleNode(At);

/// <summary><c>x in [1, 2]</c>, <c>state not in ["CA", "NY"]</c>: the items are literals.</summary>
public sealed record Membership(RuleNode Operand, IReadOnlyList<RuleNode> Items, bool Negated, TextPosition At) : RuleNode(At);

internal static class RuleNodes
{
    /// <summary>How deeply the tree nests (a literal is 1).</summary>
    public static int Depth(RuleNode node) => node switch
    {
        Negate negate => 1 + Depth(negate.Operand),
        Not not => 1 + Depth(not.Operand),
        Arithmetic a => 1 + Math.Max(Depth(a.Left), Depth(a.Right)),
        Comparison c => 1 + Math.Max(Depth(c.Left), Depth(c.Right)),
        Logical l => 1 + Math.Max(Depth(l.Left), Depth(l.Right)),
        Membership m => 1 + Depth(m.Operand),
        _ => 1,
    };
}

using Flywheel.Tasks;
using Flywheel.Data.Preprocessing;
using Flywheel.Value;

namespace Flywheel.Data.Rules;

/// <summary>
/// Checks a parsed rule against the columns that exist (names, and that numbers meet numbers and text meets text)
/// and turns it into plain delegates over a row. Nothing here runs user code: the delegates are built from this
/// file's own lambdas, one per node kind.
/// </summary>
internal sealed class RuleCompiler
{
    private enum Kind { Number, Text, Boolean }

    private readonly FormulaSource _source;
    private readonly IReadOnlyList<RuleColumn> _available;
    private readonly Dictionary<string, RuleColumn> _byName;
    private readonly List<RuleColumn> _used = [];
    private readonly IReadOnlyDictionary<string, string> _refused;

    public RuleCompiler(FormulaSource source, IReadOnlyList<RuleColumn> available, IReadOnlyDictionary<string, string>? refused)
    {
        _refused = refused ?? new Dictionary<string, string>();
        _source = source;
        _available = available;
        _byName = available.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public Rule Compile(RuleNode root)
    {
        switch (KindOf(root))
        {
            case Kind.Boolean:
                var holds = Logic(root);
                return new Rule(_source.Text, _used, holds, null);
            case Kind.Number:
                var predict = Number(root);
                return new Rule(_source.Text, _used, null, predict);
            default:
                throw _source.Error(root.At, "the rule gives text; a rule is a condition such as 'plan == \"yes\"' or a number");
        }
    }

    private Kind KindOf(RuleNode node)
    {
        switch (node)
        {
            case NumberLiteral: return Kind.Number;
            case TextLiteral: return Kind.Text;
            case BooleanLiteral: return Kind.Boolean;
            case ColumnReference column: return Column(column).Numeric ? Kind.Number : Kind.Text;
            case Negate negate:
                Expect(negate.Operand, Kind.Number, "'-' needs a number");
                return Kind.Number;
            case Not not:
                Expect(not.Operand, Kind.Boolean, "'not' needs a condition");
                return Kind.Boolean;
            case Arithmetic arithmetic:
                Expect(arithmetic.Left, Kind.Number, "arithmetic needs numbers");
                Expect(arithmetic.Right, Kind.Number, "arithmetic needs numbers");
                return Kind.Number;
            case Logical logical:
                var word = logical.IsAnd ? "and" : "or";
                Expect(logical.Left, Kind.Boolean, $"'{word}' joins conditions");
                Expect(logical.Right, Kind.Boolean, $"'{word}' joins conditions");
                return Kind.Boolean;
            case Comparison comparison:
                var left = KindOf(comparison.Left);
                var right = KindOf(comparison.Right);
                if (left != right)
                    throw _source.Error(comparison.Right.At, $"cannot compare {Describe(comparison.Left, left)} with {Describe(comparison.Right, right)}");
                if (left != Kind.Number && comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                    throw _source.Error(comparison.At, $"'<', '<=', '>' and '>=' compare numbers; {Describe(comparison.Left, left)} is not one (use '==', '!=' or 'in [..]')");
                return Kind.Boolean;
            case Membership membership:
                var operand = KindOf(membership.Operand);
                foreach (var item in membership.Items)
                {
                    var kind = KindOf(item);
                    if (kind != operand) throw _source.Error(item.At, $"the list holds {Describe(item, kind)}, but {Describe(membership.Operand, operand)} is compared with it");
                }
                return Kind.Boolean;
            default:
                throw new InvalidOperationException($"unexpected rule node {node.GetType().Name}");
        }
    }

    private void Expect(RuleNode node, Kind expected, string what)
    {
        var kind = KindOf(node);
        if (kind != expected) throw _source.Error(node.At, $"{what}, not {Describe(node, kind)}");
    }

    private RuleColumn Column(ColumnReference reference)
    {
        if (_byName.TryGetValue(reference.Name, out var column)) return column;
        if (_refused.TryGetValue(reference.Name, out var reason)) throw _source.Error(reference.At, $"the rule may not read column '{reference.Name}': {reason}");
        var names = _available.Select(c => c.Name).ToList();
        var near = names.FirstOrDefault(n => string.Equals(n, reference.Name, StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? "" : $" (did you mean '{near}'?)";
        var list = names.Count <= 30 ? string.Join(", ", names) : string.Join(", ", names.Take(30)) + $", … ({names.Count} in all)";
        throw _source.Error(reference.At, $"unknown column '{reference.Name}'{hint}; the columns are: {list}; text is written in quotes (\"yes\")");
    }

    private int IndexOf(RuleColumn column)
    {
        var index = _used.IndexOf(column);
        if (index >= 0) return index;
        _used.Add(column);
        return _used.Count - 1;
    }

    private static string Describe(RuleNode node, Kind kind)
    {
        var what = kind switch { Kind.Number => "a number", Kind.Text => "text", _ => "a condition" };
        return node is ColumnReference column ? $"column '{column.Name}' ({what})" : what;
    }

    private Func<IRuleRow, double> Number(RuleNode node)
    {
        switch (node)
        {
            case NumberLiteral literal:
                var value = literal.Value;
                return _ => value;
            case ColumnReference reference:
                var index = IndexOf(Column(reference));
                return row => row.Number(index);
            case Negate negate:
                var operand = Number(negate.Operand);
                return row => -operand(row);
            case Arithmetic arithmetic:
                var (left, right) = (Number(arithmetic.Left), Number(arithmetic.Right));
                return arithmetic.Operator switch
                {
                    ArithmeticOperator.Add => row => left(row) + right(row),
                    ArithmeticOperator.Subtract => row => left(row) - right(row),
                    ArithmeticOperator.Multiply => row => left(row) * right(row),
                    _ => row => left(row) / right(row),
                };
            default:
                throw new InvalidOperationException($"not a number: {node.GetType().Name}");
        }
    }

    // A boolean column holds "true"/"false" in training and whatever the request says in serving ("Yes", "1"):
    // both sides of a comparison with it go through the same spelling.
    private Func<IRuleRow, string?> Text(RuleNode node, bool boolean)
    {
        string? Spell(string? text) => boolean && text is not null ? BooleanText.Normalize(text) : text;
        switch (node)
        {
            case TextLiteral literal:
                var value = Spell(literal.Value);
                return _ => value;
            case ColumnReference reference:
                var index = IndexOf(Column(reference));
                return boolean ? row => Spell(row.Text(index)) : row => row.Text(index);
            default:
                throw new InvalidOperationException($"not text: {node.GetType().Name}");
        }
    }

    private bool IsBooleanColumn(RuleNode node) => node is ColumnReference reference && Column(reference).Boolean;

    private Func<IRuleRow, bool?> Logic(RuleNode node)
    {
        switch (node)
        {
            case BooleanLiteral literal:
                bool? value = literal.Value;
                return _ => value;
            case Not not:
                var operand = Logic(not.Operand);
                return row => !operand(row);
            case Logical logical:
                var (left, right) = (Logic(logical.Left), Logic(logical.Right));
                // SQL's three-valued logic: false and unknown = false, true or unknown = true.
                return logical.IsAnd ? row => And(left(row), right, row) : row => Or(left(row), right, row);
            case Comparison comparison:
                return Compare(comparison);
            case Membership membership:
                return Member(membership);
            default:
                throw new InvalidOperationException($"not a condition: {node.GetType().Name}");
        }
    }

    private static bool? And(bool? left, Func<IRuleRow, bool?> right, IRuleRow row)
    {
        if (left is false) return false;
        var other = right(row);
        return other is false ? false : left is null || other is null ? null : true;
    }

    private static bool? Or(bool? left, Func<IRuleRow, bool?> right, IRuleRow row)
    {
        if (left is true) return true;
        var other = right(row);
        return other is true ? true : left is null || other is null ? null : false;
    }

    private Func<IRuleRow, bool?> Compare(Comparison comparison)
    {
        var op = comparison.Operator;
        switch (KindOf(comparison.Left))
        {
            case Kind.Number:
                var (left, right) = (Number(comparison.Left), Number(comparison.Right));
                return row =>
                {
                    var (a, b) = (left(row), right(row));
                    if (double.IsNaN(a) || double.IsNaN(b)) return null;
                    return op switch
                    {
                        ComparisonOperator.Less => a < b,
                        ComparisonOperator.LessOrEqual => a <= b,
                        ComparisonOperator.Greater => a > b,
                        ComparisonOperator.GreaterOrEqual => a >= b,
                        ComparisonOperator.Equal => a == b,
                        _ => a != b,
                    };
                };
            case Kind.Text:
                var boolean = IsBooleanColumn(comparison.Left) || IsBooleanColumn(comparison.Right);
                var (leftText, rightText) = (Text(comparison.Left, boolean), Text(comparison.Right, boolean));
                var equal = op == ComparisonOperator.Equal;
                return row => leftText(row) is { } a && rightText(row) is { } b ? string.Equals(a, b, StringComparison.Ordinal) == equal : null;
            default:
                var (leftLogic, rightLogic) = (Logic(comparison.Left), Logic(comparison.Right));
                var same = op == ComparisonOperator.Equal;
                return row => leftLogic(row) is { } a && rightLogic(row) is { } b ? (a == b) == same : null;
        }
    }

    private Func<IRuleRow, bool?> Member(Membership membership)
    {
        var negated = membership.Negated;
        switch (KindOf(membership.Operand))
        {
            case Kind.Number:
                var numbers = membership.Items.Cast<NumberLiteral>().Select(item => item.Value).ToHashSet();
                var number = Number(membership.Operand);
                return row => number(row) is var value && double.IsNaN(value) ? null : numbers.Contains(value) != negated;
            case Kind.Text:
                var boolean = IsBooleanColumn(membership.Operand);
                var texts = membership.Items.Select(item => Text(item, boolean)(EmptyRow.Instance)!).ToHashSet(StringComparer.Ordinal);
                var text = Text(membership.Operand, boolean);
                return row => text(row) is { } value ? texts.Contains(value) != negated : null;
            default:
                var flags = membership.Items.Cast<BooleanLiteral>().Select(item => item.Value).ToHashSet();
                var flag = Logic(membership.Operand);
                return row => flag(row) is { } value ? flags.Contains(value) != negated : null;
        }
    }

    private sealed class EmptyRow : IRuleRow
    {
        public static readonly EmptyRow Instance = new();

        public double Number(int column) => double.NaN;

        public string? Text(int column) => null;
    }
}

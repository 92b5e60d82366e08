using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Flywheel.UseCases;

/// <summary>A scalar from the use-case file together with where it was written, so later stages can point at it.</summary>
public sealed record Positioned<T>(T Value, SourcePosition Position);

/// <summary>A place in a use-case file (1-based line and column).</summary>
public sealed record SourcePosition(string File, int Line, int Column)
{
    public InputException Error(string message) => new(message, File, Line, Column);
}

/// <summary>
/// Reads one YAML mapping of the use-case file: typed getters that name the file, line and column on a
/// mistake, and a final check that rejects keys nobody asked for.
/// </summary>
public sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly string _section;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string>? _allowed;

    /// <param name="allowed">The keys this mapping accepts (a list from <see cref="UseCaseKeys"/>); null for a mapping whose keys the user names.</param>
    public MappingReader(YamlNode node, string file, string section, IReadOnlyList<string>? allowed = null)
    {
        _file = file;
        _section = section;
        _allowed = allowed;
        _node = node as YamlMappingNode
            ?? throw At(node, $"'{section}' must be a mapping of keys to values");
    }

    public string File => _file;
    public SourcePosition Position => PositionOf(_node);

    public SourcePosition PositionOf(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    public InputException At(YamlNode node, string message) => PositionOf(node).Error(message);

    /// <summary>The node under <paramref name="key"/>, or null when absent. Marks the key as known.</summary>
    public YamlNode? Node(string key)
    {
        if (_allowed is not null && !_allowed.Contains(key))
            throw new InvalidOperationException($"the reader of '{_section}' asks for '{key}', which UseCaseKeys does not list for it");
        _known.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlNode Required(string key) =>
        Node(key) ?? throw Position.Error($"'{_section}' needs the key '{key}'");

    public Positioned<string>? String(string key)
    {
        var node = Node(key);
        return node is null ? null : ScalarOf(node, key);
    }

    public Positioned<string> RequiredString(string key) => ScalarOf(Required(key), key);

    public double? Number(string key)
    {
        var node = Node(key);
        return node is null ? null : NumberOf(node, key);
    }

    public int? Integer(string key)
    {
        var node = Node(key);
        if (node is null) return null;
        var text = ScalarOf(node, key).Value;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw At(node, $"'{_section}.{key}' must be a whole number, not '{text}'");
    }

    public bool? Boolean(string key)
    {
        var node = Node(key);
        if (node is null) return null;
        var text = ScalarOf(node, key).Value;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw At(node, $"'{_section}.{key}' must be true or false, not '{text}'"),
        };
    }

    public IReadOnlyList<Positioned<string>> StringList(string key)
    {
        var node = Node(key);
        if (node is null) return [];
        if (node is YamlScalarNode) return [ScalarOf(node, key)];
        if (node is not YamlSequenceNode sequence) throw At(node, $"'{_section}.{key}' must be a list");
        return sequence.Children.Select(child => ScalarOf(child, key)).ToList();
    }

    public MappingReader? Mapping(string key, IReadOnlyList<string>? allowed = null)
    {
        var node = Node(key);
        return node is null ? null : new MappingReader(node, _file, $"{_section}.{key}", allowed);
    }

    /// <summary>Entries of a mapping whose keys are user-chosen names (parameters, formulas, scenarios).</summary>
    public IEnumerable<(Positioned<string> Key, YamlNode Value)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            var name = ScalarOf(key, "key");
            _known.Add(name.Value);
            yield return (name, value);
        }
    }

    public Positioned<string> ScalarOf(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } text }
            ? new Positioned<string>(text, PositionOf(node))
            : throw At(node, $"'{_section}.{key}' must be a single value");

    /// <summary>
    /// Like <see cref="ScalarOf"/>, but positioned at the first character of the text rather than at the node, so that
    /// a column inside an expression maps onto the file: a quoted scalar's text starts one column after its quote.
    /// </summary>
    public Positioned<string> ExpressionOf(YamlNode node, string key)
    {
        var scalar = ScalarOf(node, key);
        return node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.SingleQuoted }
            ? scalar with { Position = scalar.Position with { Column = scalar.Position.Column + 1 } }
            : scalar;
    }

    public Positioned<string>? Expression(string key)
    {
        var node = Node(key);
        return node is null ? null : ExpressionOf(node, key);
    }

    public Positioned<string> RequiredExpression(string key) => ExpressionOf(Required(key), key);

    public double NumberOf(YamlNode node, string key)
    {
        var text = ScalarOf(node, key).Value.Replace("_", "", StringComparison.Ordinal);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw At(node, $"'{_section}.{key}' must be a number, not '{text}'");
    }

    /// <summary>Fails on the first key that no getter asked for, listing the keys that are allowed.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
            if (!(_allowed?.Contains(name) ?? _known.Contains(name)))
            {
                var expected = string.Join(", ", (_allowed ?? (IEnumerable<string>)_known).Order(StringComparer.Ordinal));
                throw At(key, $"unknown key '{name}' in '{_section}'; expected one of: {expected}");
            }
        }
    }
}

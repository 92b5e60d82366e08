using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Flywheel.UseCases;

/// <summary>
/// A pass over the YAML events before the document is built, so that what the node builder reports badly is reported at
/// its place: nesting deeper than <see cref="MaxDepth"/> (the builder recurses and would overflow the stack), an alias
/// with no anchor (the builder says 1:1), a flow list or mapping left open, a tab in the indentation, and the scanner's
/// own failures (which surface as bare <see cref="InvalidOperationException"/>s with no position).
/// </summary>
internal static class YamlPrescan
{
    /// <summary>Deepest nesting of mappings and lists a use-case file may have; the readers need about six.</summary>
    public const int MaxDepth = 64;

    public static void Check(string text, string path)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var open = new Stack<ParsingEvent>();
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (current is NodeEvent { Anchor.IsEmpty: false } node) anchors.Add(node.Anchor.Value);
                switch (current)
                {
                    case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                        throw At(path, alias.Start, $"the alias '*{alias.Value.Value}' refers to no anchor; define '&{alias.Value.Value}' before it");
                    case MappingStart or SequenceStart:
                        open.Push(current);
                        if (open.Count > MaxDepth)
                            throw At(path, current.Start, $"the file nests more than {MaxDepth} levels deep here; at most {MaxDepth} levels of mappings and lists are allowed");
                        break;
                    case MappingEnd or SequenceEnd:
                        if (open.Count > 0) open.Pop();
                        break;
                }
            }
        }
        catch (YamlException error) when (error is not SemanticErrorException || !error.Message.Contains("anchor", StringComparison.Ordinal))
        {
            // A tab is reported at the start of the scalar it interrupts; its own place is where the scanner stopped.
            var at = error.Message.Contains("tab character", StringComparison.Ordinal) ? error.End : error.Start;
            var reason = Strip(error.InnerException?.Message ?? error.Message);
            throw At(path, at, $"this is not valid YAML: {reason}{UnclosedHint(open, at)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up without a YamlException, typically inside an unclosed flow collection.
            throw At(path, scanner.CurrentPosition, $"this is not valid YAML here{UnclosedHint(open, scanner.CurrentPosition)}");
        }
    }

    private static string UnclosedHint(Stack<ParsingEvent> open, Mark at)
    {
        var flow = open.FirstOrDefault(item => item is SequenceStart { Style: YamlDotNet.Core.Events.SequenceStyle.Flow } or MappingStart { Style: YamlDotNet.Core.Events.MappingStyle.Flow });
        if (flow is null || flow.Start.Line == at.Line) return "";
        var bracket = flow is SequenceStart ? "[" : "{";
        return $"; the '{bracket}' opened at line {flow.Start.Line}, column {flow.Start.Column} is not closed";
    }

    private static InputException At(string path, Mark mark, string message) =>
        new(message, path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (…): "; the position is reported separately.
    public static string Strip(string message)
    {
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 ? message[(index + 3)..] : message;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Flywheel.UseCases;

/// <summary>
/// Changes a <c>flywheel.yaml</c> the way a person would: only the text of what changes is rewritten, so comments,
/// order and layout stay as the team wrote them. Every change is checked before it is written: the file must still be
/// the one the caller read (its <see cref="Fingerprint"/>, else a <see cref="ConflictException"/>), and the new text
/// must load as a use case (else the <see cref="InputException"/> of the loader, and the file is untouched). The write
/// replaces the file in one rename, so a reader never sees half of it.
/// </summary>
public static class UseCaseEditor
{
    /// <summary>The SHA-256 of a use-case file's bytes, in lower-case hex: what a page read, to say what it changes.</summary>
    public static string Fingerprint(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>The fingerprint of a file holding <paramref name="text"/> (UTF-8, as the loader reads and the editor writes it).</summary>
    public static string FingerprintOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Applies <paramref name="edit"/> to the file's text and writes the result when it loads as a use case.
    /// <paramref name="expectedFingerprint"/> null skips the concurrency check (a command line run by its only editor).
    /// </summary>
    public static UseCase Edit(string file, string? expectedFingerprint, Func<UseCaseText, string> edit, UseCaseOptions? options = null)
    {
        var path = UseCaseLoader.Locate(file);
        var bytes = File.ReadAllBytes(path);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (expectedFingerprint is not null && !string.Equals(expectedFingerprint, fingerprint, StringComparison.OrdinalIgnoreCase))
            throw new ConflictException($"{Path.GetFileName(path)} changed since it was read (someone else saved it); reload and make the change again", path);

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException error)
        {
            throw Utf8Check.Error(path, error);
        }
        var changed = edit(new UseCaseText(text, path));
        var useCase = UseCaseLoader.Parse(changed, path) with { DataRoots = (options ?? UseCaseOptions.Default).DataRoots };
        WriteAtomically(path, changed);
        return useCase;
    }

    /// <summary>Sets a value parameter's amount (<c>value.parameters.NAME</c>), keeping its unit and everything around it.</summary>
    public static UseCase SetParameter(string file, string? expectedFingerprint, string name, double amount, UseCaseOptions? options = null)
    {
        if (!double.IsFinite(amount)) throw new InputException($"the new value of '{name}' must be a finite number", "value");
        return Edit(file, expectedFingerprint, text => text.SetParameterAmount(name, amount), options);
    }

    /// <summary>A number as the file writes it: invariant, the shortest text that reads back as the same double.</summary>
    public static string Number(double amount) => amount.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>How old a temporary must be to be a killed writer's leftover rather than a write in progress (a write takes milliseconds).</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(1);

    private static void WriteAtomically(string path, string text)
    {
        RemoveLeftovers(path);
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    // A process killed between writing its temporary and the rename leaves the temporary (the file itself is the old
    // one or the new one, never half); the next edit removes it.
    private static void RemoveLeftovers(string path)
    {
        var cutoff = DateTime.UtcNow - LeftoverAge;
        foreach (var leftover in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.*.tmp"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(leftover) < cutoff) File.Delete(leftover);
            }
            catch (IOException)
            {
                // Another editor removed it first.
            }
        }
    }
}

/// <summary>
/// The text of a use-case file with its YAML nodes, and the edits <see cref="UseCaseEditor"/> is made of. Each edit returns
/// the new text; positions are the parser's character offsets, so the text around a node is never touched.
/// </summary>
public sealed class UseCaseText
{
    public UseCaseText(string text, string file)
    {
        Text = text;
        File = file;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new InputException("the file holds no mapping of keys to values", file, 1, 1);
    }

    public string Text { get; }
    public string File { get; }
    public YamlMappingNode Root { get; }

    /// <summary>The node at a path of mapping keys from the top (<c>value</c>, <c>parameters</c>, <c>churn_rate</c>), or null.</summary>
    public YamlNode? Find(params string[] keys)
    {
        YamlNode node = Root;
        foreach (var key in keys)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)) return null;
            node = child;
        }
        return node;
    }

    /// <summary>Replaces a scalar or a flow collection (<c>{ … }</c>, <c>[ … ]</c>) with <paramref name="replacement"/>, written as YAML.</summary>
    public string Replace(YamlNode node, string replacement)
    {
        if (node is YamlMappingNode { Style: not YamlDotNet.Core.Events.MappingStyle.Flow } or YamlSequenceNode { Style: not YamlDotNet.Core.Events.SequenceStyle.Flow })
            return ReplaceLines(node, replacement);
        var (start, end) = Span(node);
        return Text[..start] + replacement + Text[end..];
    }

    /// <summary>
    /// Sets <paramref name="key"/> of a mapping to <paramref name="value"/> (YAML text on one line: a scalar or a flow
    /// collection): replaces the value when the key is there, else adds the entry after the mapping's last one.
    /// </summary>
    public string Set(YamlMappingNode mapping, string key, string value)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var existing)) return Replace(existing, value);
        if (mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow)
        {
            var close = EndOf(mapping) - 1;
            var separator = mapping.Children.Count == 0 ? " " : ", ";
            return Text[..close].TrimEnd() + separator + $"{key}: {value}" + " " + Text[close..];
        }
        if (mapping.Children.Count == 0) throw new InvalidOperationException("an empty block mapping has no place to add to");
        var indent = (int)mapping.Children.First().Key.Start.Column - 1;
        var after = LineEnd(EndOf(mapping.Children.Last().Value));
        return Text[..after] + new string(' ', indent) + $"{key}: {value}" + NewLine + Text[after..];
    }

    /// <summary>Removes an entry of a block mapping (its key's line through its value's last line); the text is unchanged when the key is absent.</summary>
    public string Remove(YamlMappingNode mapping, string key)
    {
        var entry = mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: { } k } && k == key);
        if (entry.Key is null) return Text;
        if (mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow)
            throw new InvalidOperationException("removing from a flow mapping is not supported; write the mapping again instead");
        var start = LineStart((int)entry.Key.Start.Index);
        var end = LineEnd(EndOf(entry.Value));
        return Text[..start] + Text[end..];
    }

    /// <summary>
    /// Replaces a whole top-level section (<c>canvas:</c> and everything indented under it) with <paramref name="block"/>
    /// (complete lines, the key included), or appends it at the end of the file when there is none.
    /// </summary>
    public string SetSection(string key, string block)
    {
        if (!block.EndsWith('\n')) block += NewLine;
        var entry = Root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: { } k } && k == key);
        if (entry.Key is null)
        {
            var text = Text.Length == 0 || Text.EndsWith('\n') ? Text : Text + NewLine;
            return text + block;
        }
        var start = LineStart((int)entry.Key.Start.Index);
        var end = LineEnd(EndOf(entry.Value));
        return Text[..start] + block + Text[end..];
    }

    /// <summary>The amount of <c>value.parameters.NAME</c> replaced, its unit and the rest of the entry kept.</summary>
    public string SetParameterAmount(string name, double amount)
    {
        var number = UseCaseEditor.Number(amount);
        var node = Find("value", "parameters", name)
            ?? throw new NotFoundException($"the use case has no value parameter '{name}'", $"parameter:{name}");
        var scalar = node switch
        {
            YamlScalarNode plain => plain,
            YamlMappingNode mapping when mapping.Children.TryGetValue(new YamlScalarNode("value"), out var value) && value is YamlScalarNode inner => inner,
            _ => throw new InputException($"'value.parameters.{name}' has no single 'value' to change", File, (int)node.Start.Line, (int)node.Start.Column),
        };
        // "1200 JPY/h" keeps " JPY/h": only the leading number is the amount.
        var written = scalar.Value ?? "";
        var unit = written.TrimStart();
        var cut = 0;
        while (cut < unit.Length && !char.IsWhiteSpace(unit[cut])) cut++;
        var rest = unit[cut..];
        var replacement = number + rest;
        return Replace(scalar, scalar.Style is YamlDotNet.Core.ScalarStyle.DoubleQuoted ? $"\"{replacement}\"" : scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted ? $"'{replacement}'" : replacement);
    }

    /// <summary>Text as a YAML double-quoted scalar (any characters, Japanese included, on one line).</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    private string NewLine => Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    private (int Start, int End) Span(YamlNode node) => ((int)node.Start.Index, EndOf(node));

    // Where a node's own text ends. The parser marks a scalar's end, but not a collection's (its End is left at 0), so a
    // block collection ends where its last child does, and a flow one at the bracket that closes after its last child.
    private int EndOf(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode { Style: YamlDotNet.Core.Events.MappingStyle.Flow } flow:
                return Closing(flow.Children.Count == 0 ? (int)flow.Start.Index + 1 : EndOf(flow.Children.Last().Value), '}');
            case YamlSequenceNode { Style: YamlDotNet.Core.Events.SequenceStyle.Flow } flow:
                return Closing(flow.Children.Count == 0 ? (int)flow.Start.Index + 1 : EndOf(flow.Children.Last()), ']');
            case YamlMappingNode block when block.Children.Count > 0:
                return EndOf(block.Children.Last().Value);
            case YamlSequenceNode block when block.Children.Count > 0:
                return EndOf(block.Children.Last());
        }
        var end = Math.Min((int)node.End.Index, Text.Length);
        while (end > (int)node.Start.Index && char.IsWhiteSpace(Text[end - 1])) end--;
        return end;
    }

    private int Closing(int from, char bracket)
    {
        var at = Text.IndexOf(bracket, from);
        return at < 0 ? Text.Length : at + 1;
    }

    private string ReplaceLines(YamlNode node, string replacement)
    {
        var start = (int)node.Start.Index;
        var end = LineEnd(EndOf(node));
        return Text[..start] + replacement.TrimEnd('\r', '\n') + NewLine + Text[end..];
    }

    private int LineStart(int index)
    {
        var newline = index == 0 ? -1 : Text.LastIndexOf('\n', index - 1);
        return newline + 1;
    }

    // The index just past the end of the line holding index - 1 (past its newline), or the end of the text.
    private int LineEnd(int index)
    {
        var newline = Text.IndexOf('\n', Math.Max(0, index));
        return newline < 0 ? Text.Length : newline + 1;
    }
}

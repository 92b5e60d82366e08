using System.Text;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>Commented starting points for a <c>flywheel.yaml</c>, one per common way of pricing a model.</summary>
public static class UseCaseTemplates
{
    public static IReadOnlyList<string> Names { get; } = ["staffing", "qcd", "churn", "review", "blank"];

    /// <summary>
    /// The template text with the use case named <paramref name="name"/>, followed by the later stages' sections
    /// (<c>units</c>, <c>data</c>, <c>training</c>, <c>decision</c>, <c>plan</c>) commented out, ready to uncomment.
    /// </summary>
    public static string Text(string template, string name)
    {
        if (!Names.Contains(template))
            throw new InputException($"no template '{template}'; the templates are: {string.Join(", ", Names)}");
        return (Resource(template) + Resource(LaterSections)).Replace("__NAME__", name, StringComparison.Ordinal);
    }

    private const string LaterSections = "later-sections";

    private static string Resource(string name)
    {
        using var stream = typeof(UseCaseTemplates).Assembly.GetManifestResourceStream($"Flywheel.Value.Templates.{name}.yaml")
            ?? throw new InvalidOperationException($"template resource '{name}' is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Writes <c>flywheel.yaml</c> into <paramref name="folder"/> (created if needed); refuses to overwrite one.</summary>
    public static string Write(string folder, string template)
    {
        var file = Path.Combine(folder, UseCaseLoader.FileName);
        if (File.Exists(file)) throw new InputException($"{UseCaseLoader.FileName} already exists; Flywheel will not overwrite it", file);
        var name = new DirectoryInfo(Path.GetFullPath(folder)).Name.ToLowerInvariant().Replace(' ', '-');
        AtomicFile.WriteAllText(file, Text(template, name));
        return file;
    }
}

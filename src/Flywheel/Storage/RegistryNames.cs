using System.Text.RegularExpressions;

namespace Flywheel.Storage;

/// <summary>
/// What model names and aliases may look like. They appear in references (<c>name@alias</c>, <c>name:3</c>), so they
/// cannot contain '@', ':' or path separators. Japanese letters are allowed in model names.
/// </summary>
public static partial class RegistryNames
{
    public static string CheckModelName(string name, string field = "model name")
    {
        if (!ModelName().IsMatch(name))
            throw new InputException($"{field} '{name}' must start with a letter or digit and use only letters, digits, '.', '_' and '-'", field);
        return name;
    }

    /// <summary>Accepts "production" or "@production"; returns the bare alias.</summary>
    public static string CheckAlias(string alias, string field = "alias")
    {
        var bare = alias.StartsWith('@') ? alias[1..] : alias;
        if (!Alias().IsMatch(bare))
            throw new InputException($"{field} '{alias}' must be a lowercase word such as 'production' or 'candidate' (letters, digits, '_', '-')", field);
        return bare;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$")]
    private static partial Regex ModelName();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,49}$")]
    private static partial Regex Alias();
}

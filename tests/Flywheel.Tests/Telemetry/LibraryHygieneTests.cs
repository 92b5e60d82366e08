using System.Text.RegularExpressions;
using Flywheel.Tests.Workflows;

namespace Flywheel.Tests.Telemetry;

/// <summary>
/// The library reports through ILogger and takes its configuration from its callers: no Console writes and no
/// environment-variable reads anywhere in src/Flywheel (hosts read the environment and pass options in).
/// </summary>
public sealed partial class LibraryHygieneTests
{
    [GeneratedRegex(@"\bConsole\s*\.|\bEnvironment\s*\.\s*(GetEnvironmentVariable|GetEnvironmentVariables|ExpandEnvironmentVariables)\b")]
    private static partial Regex Forbidden();

    [Fact]
    public void The_library_neither_writes_to_the_console_nor_reads_the_environment()
    {
        var root = UseCaseFolder.Repo("src/Flywheel");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//", 2)[0];
                if (Forbidden().IsMatch(code)) offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(offenders.Count == 0, "Console or environment use in the library:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_scan_finds_what_it_forbids()
    {
        Assert.Matches(Forbidden(), "Console.Error.WriteLine(x);");
        Assert.Matches(Forbidden(), "var v = Environment.GetEnvironmentVariable(\"X\");");
        Assert.DoesNotMatch(Forbidden(), "var user = Environment.UserName;");
        Assert.DoesNotMatch(Forbidden(), "AnsiConsoleOutput x;");
    }
}

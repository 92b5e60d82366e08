using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>
/// Runs <c>scipy_reference.py</c> (beside this file) under the system python with the cases as JSON on stdin and
/// returns scipy's answers by case name.
/// </summary>
internal static class ScipyReference
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Why scipy cannot be asked, or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    static string? Probe()
    {
        try
        {
            var (code, _, error) = Run("-c \"import scipy, numpy, pandas\"", "");
            return code == 0 ? null : $"{Python} cannot import scipy/numpy/pandas ({error.Trim()}); install python3-scipy python3-pandas";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"{Python} is missing ({e.Message}); install python3-scipy python3-pandas";
        }
    }

    public static string Script
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Flywheel.Tests", "Operate", "Monitoring", "scipy_reference.py");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("scipy_reference.py not found above " + AppContext.BaseDirectory);
        }
    }

    public static IReadOnlyDictionary<string, (double? Statistic, JsonNode? PValue)> Ask(JsonArray cases)
    {
        var input = new JsonObject { ["cases"] = cases }.ToJsonString();
        var (code, output, error) = Run($"\"{Script}\"", input);
        Assert.True(code == 0, $"scipy_reference.py failed ({code}): {error}");
        var answers = JsonNode.Parse(output)!.AsObject();
        return answers.ToDictionary(
            pair => pair.Key,
            pair => (pair.Value!["statistic"]?.GetValue<double>(), pair.Value!["pvalue"]?.DeepClone()));
    }

    static (int Code, string Output, string Error) Run(string arguments, string input)
    {
        var start = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(value => (JsonNode)JsonValue.Create(value))]);
    public static JsonArray Labels(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode)JsonValue.Create(value))]);
}

/// <summary>
/// A fact that needs scipy: skipped with the reason when <c>/usr/bin/python3</c> cannot import it, unless the
/// environment variable <c>CI</c> is set — then it runs and fails, so CI cannot silently lose the comparison.
/// </summary>
public sealed class ScipyFactAttribute : FactAttribute
{
    public ScipyFactAttribute()
    {
        if (ScipyReference.Unavailable is { } reason && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = $"scipy comparison not run: {reason} (with CI set, this test fails instead)";
    }
}

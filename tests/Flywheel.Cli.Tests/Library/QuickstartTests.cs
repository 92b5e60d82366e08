using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flywheel.Cli.Tests.Library;

/// <summary>
/// samples/library/quickstart.cs as a reader runs it: <c>dotnet run samples/library/quickstart.cs</c> from the
/// repository root. It trains, prices and scores on the churn sample, and reports its own time, which must stay under a minute.
/// </summary>
public sealed partial class QuickstartTests
{
    [GeneratedRegex(@"^trained and scored in (\d+) s$", RegexOptions.Multiline)]
    private static partial Regex OwnTime();

    [Fact]
    public async Task The_quickstart_trains_prices_and_scores_in_under_a_minute_of_its_own_time()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = CliProcess.RepoRoot,
        };
        foreach (var arg in new[] { "run", "samples/library/quickstart.cs" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8))) process.Kill(entireProcessTree: true);
        var output = await stdout;
        Assert.True(process.ExitCode == 0, output + await stderr);

        Assert.Contains("model: churn:1 (", output);
        var auc = double.Parse(Regex.Match(output, @"test AUC: ([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(auc, 0.75, 1.0); // the budget, not a trial count, bounds the search: a loaded machine runs fewer trials
        Assert.Matches(@"value per day: -?[0-9,]+ JPY", output);
        Assert.Contains("scored rows: 5000,", output);
        var seconds = int.Parse(OwnTime().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds < 60, $"the quickstart took {seconds} s");
    }
}

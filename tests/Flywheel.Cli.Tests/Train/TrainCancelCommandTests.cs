using System.Diagnostics;
using System.Text;

namespace Flywheel.Cli.Tests.Train;

/// <summary>Ctrl-C during <c>flywheel train</c>: the process stops within 2 s, exits 130 with one line, and registers nothing.</summary>
public sealed class TrainCancelCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-cancel-{Guid.NewGuid():N}");

    public TrainCancelCommandTests()
    {
        Directory.CreateDirectory(_folder);
        // The data inside the use case: a source outside it needs a data root.
        File.Copy(CliProcess.Repo("samples/churn/data/mlc_churn.csv"), Path.Combine(_folder, "mlc_churn.csv"));
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), $"""
            name: churn
            statement: As a subscriber about to leave, I get an offer that keeps me.
            data:
              source: mlc_churn.csv
              target: churn
              positive: "yes"
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>What Ctrl-C in a terminal sends.</summary>
    private static void Interrupt(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    [Fact]
    public async Task Sigint_after_the_first_trial_exits_130_within_two_seconds_and_registers_no_package()
    {
        // Through perl, which puts SIGINT back to its default first: a test run started in the background of a
        // non-interactive shell inherits SIGINT as ignored, and .NET then leaves it ignored, as a terminal never would.
        var start = new ProcessStartInfo("perl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = _folder,
        };
        foreach (var arg in new[] { "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!", "dotnet" }) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Flywheel.Cli.dll"));
        foreach (var arg in new[] { "train", _folder, "--budget", "10m", "--verbose" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        var trialStarted = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (stderr) stderr.AppendLine(line.Data);
            if (line.Data.Contains("trial 1 ", StringComparison.Ordinal)) trialStarted.Set();
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            Assert.True(trialStarted.Wait(TimeSpan.FromMinutes(2)), "no trial was logged: " + stderr);
            var clock = Stopwatch.StartNew();
            Interrupt(process.Id);
            var exited = process.WaitForExit(TimeSpan.FromSeconds(10));
            var elapsed = clock.Elapsed;
            if (!exited) lock (stderr) Assert.Fail("still running 10 s after SIGINT; its log:\n" + stderr);
            process.WaitForExit(); // drain the redirected streams
            Assert.True(elapsed < TimeSpan.FromSeconds(2.5), $"exited {elapsed.TotalSeconds:0.00} s after SIGINT");
            Assert.Equal(130, process.ExitCode);
            string text;
            lock (stderr) text = stderr.ToString();
            Assert.EndsWith("cancelled" + Environment.NewLine, text);
            Assert.DoesNotContain("Exception", text);
            Assert.Equal("", await stdout);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        // Nothing was published: no package folder, and the registry knows no model.
        var artifacts = Path.Combine(_folder, ".flywheel", "artifacts");
        Assert.False(Directory.Exists(artifacts) && Directory.EnumerateFileSystemEntries(artifacts).Any(), "a package was left in " + artifacts);
        var models = CliProcess.RunIn(_folder, "models", "list", "--dir", _folder, "--json");
        Assert.DoesNotContain("\"churn\"", models.Stdout);

        // The run is on record as cancelled, with the trials that had landed.
        var runs = CliProcess.RunIn(_folder, "runs", "list", _folder, "--json");
        using var listing = System.Text.Json.JsonDocument.Parse(runs.Stdout);
        var run = Assert.Single(listing.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("trials").GetInt32() >= 1);
    }
}

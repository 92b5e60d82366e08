using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flywheel.Cli.Tests.Serve;

/// <summary>
/// <c>flywheel serve</c> in its own process: it says where it listens, answers the open health routes (not ready: no
/// model trained yet) and a keyed route
/// with the admin key it wrote to <c>.flywheel/admin.key</c>, and stops on SIGTERM with exit code 0.
/// </summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-serve-{Guid.NewGuid():N}");

    public ServeCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        File.Copy(CliProcess.Repo("samples/churn/flywheel.yaml"), Path.Combine(_folder, "flywheel.yaml"));
        File.Copy(CliProcess.Repo("samples/churn/data/mlc_churn.csv"), Path.Combine(_folder, "data", "mlc_churn.csv"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Serve_listens_answers_with_the_admin_key_and_stops_on_sigterm_with_exit_0()
    {
        var start = CliProcess.StartInfo(_folder, "serve", _folder, "--port", "0");
        start.Environment.Remove("FLYWHEEL_ADMIN_KEY");
        start.Environment.Remove("FLYWHEEL_STORE");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            string? url = null;
            var printed = new List<string>();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (url is null && DateTime.UtcNow < deadline && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                printed.Add(line);
                if (Regex.Match(line, @"serving .* on http://[^:]+:(\d+)") is { Success: true } match) url = $"http://127.0.0.1:{match.Groups[1].Value}";
            }
            Assert.True(url is not null, "no 'serving … on http://…' line: " + string.Join("\n", printed));
            var secret = File.ReadAllText(Path.Combine(_folder, ".flywheel", "admin.key")).Trim();
            Assert.Contains(secret, printed); // shown once on the first start
            var stdoutRest = process.StandardOutput.ReadToEndAsync();

            using var client = new HttpClient { BaseAddress = new Uri(url) };
            // Up but not ready: the use case has no trained model yet, so its endpoint has nothing loaded.
            var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"models\"", await health.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/ping")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/use-cases")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            var useCases = JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync("/api/v1/use-cases"));
            Assert.Equal("telco-churn", useCases.GetProperty("useCases")[0].GetProperty("name").GetString());

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(stopped.Token);
            await stdoutRest;
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
            Assert.Contains("stopping", await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void A_folder_that_is_not_a_use_case_is_refused_with_exit_2_before_anything_listens()
    {
        var empty = Path.Combine(_folder, "empty");
        Directory.CreateDirectory(empty);

        var outcome = CliProcess.RunIn(_folder, "serve", _folder, empty, "--port", "0");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no flywheel.yaml in this folder", outcome.Stderr);
        Assert.DoesNotContain("serving", outcome.Stdout);
        Assert.False(File.Exists(Path.Combine(_folder, ".flywheel", "admin.key")));
    }
}

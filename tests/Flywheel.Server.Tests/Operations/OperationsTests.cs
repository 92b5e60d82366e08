using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Server.Tests.Security;
using Flywheel.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flywheel.Server.Tests.Operations;

[Collection(TrainedModelsCollection.Name)]
public class OperationsTests(TrainedModels models)
{
    // A trained use case: health includes the models check, which is healthy only when every endpoint has its model.
    private async Task<(TempFolder Folder, TestHost Host)> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var folder = models.Churn.Copy();
        return (folder, await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false }, configure));
    }

    [Fact]
    public async Task Health_is_open_and_brief_the_detailed_report_needs_a_key_and_an_unhealthy_check_answers_503()
    {
        var failing = false;
        var (folder, host) = await StartAsync(b => b.Services.AddHealthChecks()
            .AddCheck("jobs-probe", () => failing ? HealthCheckResult.Unhealthy("job storage gone") : HealthCheckResult.Healthy("fine")));
        using var _ = folder;
        await using var __ = host;

        var brief = await (await host.Anonymous().GetAsync("/health")).JsonAsync();
        Assert.Equal("healthy", brief.GetProperty("status").GetString());
        var store = brief.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "store");
        Assert.Equal("healthy", store.GetProperty("status").GetString());
        Assert.False(store.TryGetProperty("description", out var hidden), $"the open answer shows {hidden}"); // the open answer tells nothing about the store
        await Problem.AssertAsync(await host.Anonymous().GetAsync("/api/v1/health"), HttpStatusCode.Unauthorized);
        var detailed = await (await (await host.AsAsync("viewer")).GetAsync("/api/v1/health")).JsonAsync();
        Assert.StartsWith("sqlite:", detailed.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "store").GetProperty("description").GetString());

        failing = true;
        var down = await (await host.Anonymous().GetAsync("/health")).JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", down.GetProperty("status").GetString());
        var report = await (await host.Admin().GetAsync("/api/v1/health")).JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("job storage gone", report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "jobs-probe").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Metrics_show_the_servers_the_frameworks_and_the_runtimes_instruments() => await ScrapeAsync();

    [PromtoolFact]
    public async Task Promtool_accepts_the_metrics_text()
    {
        var text = await ScrapeAsync();
        var start = new ProcessStartInfo(PromtoolFactAttribute.Path, ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        var errors = await promtool.StandardError.ReadToEndAsync() + await promtool.StandardOutput.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        // promtool exits 0 for valid text; lint findings (e.g. a counter without _total) exit 3 and are printed.
        Assert.True(promtool.ExitCode == 0, $"promtool check metrics exited {promtool.ExitCode}: {errors}");
    }

    private async Task<string> ScrapeAsync()
    {
        var (folder, host) = await StartAsync();
        using var _ = folder;
        await using var __ = host;
        var viewer = await host.AsAsync("viewer");
        await viewer.GetAsync("/api/v1/models");
        OperateTelemetry.Invocations.Add(1, new("endpoint", "churn"), new("variant", "primary"), new("status", 200));
        OperateTelemetry.InvocationDuration.Record(0.0012, new("endpoint", "churn"), new("variant", "primary"));

        var response = await viewer.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("flywheel_server_invocations_total{", text);
        Assert.Matches(new Regex(@"flywheel_server_invocation_duration_seconds_bucket\{[^}]*endpoint=""churn""[^}]*le=""0.002""[^}]*\} [1-9]"), text);
        Assert.Contains("http_server_request_duration_seconds", text); // ASP.NET Core's
        Assert.Contains("dotnet_", text); // the runtime's
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.AsAsync("invoker")).GetAsync("/metrics")).StatusCode);
        return text;
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_route_with_its_security_and_the_page_is_served_without_a_CDN()
    {
        var (folder, host) = await StartAsync();
        using var _ = folder;
        await using var __ = host;
        var viewer = await host.AsAsync("viewer");
        await Problem.AssertAsync(await host.Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized);

        var document = await viewer.GetJsonAsync("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        var paths = document.GetProperty("paths");
        var missing = new List<string>();
        // Infrastructure routes that are not API operations: the metrics text, the document itself and its page, and the
        // workspace (its pages, Blazor's hub and the static files they load).
        string[] undocumented = ["/metrics", "/openapi/{documentName}.json", "/scalar/{documentName?}", RouteRoleTableTests.StaticAssetsFallback];
        foreach (var route in RouteRoleTableTests.Routes(host.App).Where(r => !undocumented.Contains(r.Pattern) && !r.Pattern.StartsWith("/scalar/", StringComparison.Ordinal)
                     && !r.IsPage && !RouteRoleTableTests.IsWorkspaceAsset(r.Pattern)))
        {
            var path = Regex.Replace(route.Pattern, @"\{([^}:?]+)[^}]*\}", "{$1}");
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(route.Method.ToLowerInvariant(), out var operation)) missing.Add($"{route.Method} {path}");
            else if (!route.IsAnonymous)
            {
                Assert.True(operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 2, $"{route.Method} {path} lacks its security");
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out var unauthorized), $"{route.Method} {path} lacks its 401");
                Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out var _), $"{route.Method} {path}: 401 is not a problem document");
                Assert.Equal(route.Permissions.Single().ToString(), operation.GetProperty("x-flywheel-permission").GetString());
            }
        }
        Assert.True(missing.Count == 0, "routes missing from the OpenAPI document: " + string.Join(", ", missing));
        Assert.Equal("Promote", paths.GetProperty("/api/v1/models/{name}/aliases/production").GetProperty("put").GetProperty("x-flywheel-permission").GetString());

        var page = await viewer.GetStringAsync("/scalar/v1");
        Assert.DoesNotContain("cdn.", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", Regex.Match(page, "<script[^>]*src=\"([^\"]+)\"").Groups[1].Value);
        var script = Regex.Matches(page, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).First(s => s.EndsWith("scalar.js", StringComparison.Ordinal));
        var asset = await viewer.GetAsync(new Uri(new Uri("http://localhost/scalar/v1"), script));
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.True((await asset.Content.ReadAsByteArrayAsync()).Length > 100_000, "scalar.js should be the whole bundle, served locally");
    }

    [Fact]
    public async Task An_oversized_or_malformed_body_is_a_problem_naming_the_body_not_a_crash()
    {
        var (folder, host) = await StartAsync();
        using var _ = folder;
        await using var __ = host;
        var admin = host.Admin();

        var huge = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"role\":\"viewer\"}";
        await Problem.AssertAsync(await admin.PostJsonAsync("/api/v1/keys", huge), HttpStatusCode.RequestEntityTooLarge, "body");
        await Problem.AssertAsync(await admin.PostJsonAsync("/api/v1/keys", "{not json"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await admin.PostJsonAsync("/api/v1/keys", ""), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await admin.PutJsonAsync("/api/v1/models/churn/aliases/staging", new { version = "three" }), HttpStatusCode.BadRequest, "version");
        // The server still answers.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/keys")).StatusCode);
    }
}

/// <summary>Skipped, visibly, when Debian's promtool (package <c>prometheus</c>) is not installed; CI installs it.</summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/promtool";

    public PromtoolFactAttribute()
    {
        if (!File.Exists(Path)) Skip = "promtool is not installed (Debian package 'prometheus'); CI installs it";
    }
}

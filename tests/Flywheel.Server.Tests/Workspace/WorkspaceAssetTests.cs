using System.Text.RegularExpressions;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Workspace;

/// <summary>
/// A page links its stylesheets and scripts by their content fingerprint, and those URLs are served as immutable, so
/// moving between pages asks the server for none of them again (no revalidation round trip before the first paint).
/// </summary>
public partial class WorkspaceAssetTests
{
    [Fact]
    public async Task Pages_link_fingerprinted_assets_that_are_served_as_immutable()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        var issued = await host.Store.Store.Keys.CreateAsync("assets", Roles.Viewer, null, "test");
        var session = await WorkspaceSessions.SignInAsync(host, issued.Secret) ?? throw new InvalidOperationException("no session opened");

        var html = await session.GetStringAsync("/");
        var linked = AssetLink().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(linked, url => url.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(linked, url => url.StartsWith("workspace/workspace.", StringComparison.Ordinal));
        Assert.Equal(2, linked.Count(url => url.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal)));
        foreach (var url in linked)
        {
            Assert.Matches(Fingerprinted(), url);
            var response = await session.GetAsync("/" + url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }
    }

    [GeneratedRegex(@"(?:href|src)=""(?<url>(?:_framework|_content|workspace)/[^""]+\.(?:css|js))""")]
    private static partial Regex AssetLink();

    // name.<10-character fingerprint>.ext, as the static web assets SDK names them.
    [GeneratedRegex(@"\.[a-z0-9]{10}\.(css|js)$")]
    private static partial Regex Fingerprinted();
}

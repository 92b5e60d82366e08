using System.Net;
using System.Text.RegularExpressions;

namespace Flywheel.Server.Tests.Hosting;

/// <summary>
/// A browser's session on a test server without a browser: GET /login for the form's antiforgery token and cookie,
/// POST the key the way the form does, keep the session cookie. Null when the server opened no session.
/// </summary>
public static partial class WorkspaceSessions
{
    public static async Task<HttpClient?> SignInAsync(TestHost host, string secret)
    {
        using var anonymous = host.Anonymous();
        using var page = await anonymous.GetAsync("/login");
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenField().Matches(html).GroupBy(m => WebUtility.HtmlDecode(m.Groups["name"].Value))
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
        fields[WebUtility.HtmlDecode(KeyField().Match(html).Groups["name"].Value)] = secret;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", Cookies(page));
        using var answer = await anonymous.SendAsync(post);
        var session = Cookies(answer).Split("; ").FirstOrDefault(c => c.StartsWith("flywheel.session=", StringComparison.Ordinal));
        if (session is null) return null;
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", session);
        return client;
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<input[^>]*id=\"api-key\"[^>]*name=\"(?<name>[^\"]+)\"|<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*id=\"api-key\"")]
    private static partial Regex KeyField();
}

using System.Net;

namespace Flywheel.Reports;

/// <summary>Escapes text for HTML element content and attribute values.</summary>
public static class HtmlText
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}

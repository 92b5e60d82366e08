using System.Text.Json;

namespace Flywheel.Operate.Monitoring.Windows;

/// <summary>A captured JSON body as the server accepted it: one document, or JSON Lines (one document per line).</summary>
internal static class JsonBody
{
    /// <summary>
    /// The body as one document; when it is not one and holds several lines, each line's document is handed to
    /// <paramref name="line"/> instead and the result is null. A body that is neither throws <see cref="JsonException"/>.
    /// </summary>
    public static JsonDocument? ParseOrEachLine(string body, Action<JsonElement> line)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException) when (body.Contains('\n'))
        {
            foreach (var text in body.Split('\n'))
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                using var item = JsonDocument.Parse(text);
                line(item.RootElement);
            }
            return null;
        }
    }
}

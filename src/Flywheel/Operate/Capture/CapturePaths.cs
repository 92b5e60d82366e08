using System.Globalization;
using System.Text.RegularExpressions;

namespace Flywheel.Operate.Capture;

/// <summary>
/// The SageMaker layout of capture and ground-truth files under the artifact root:
/// <c>capture/&lt;endpoint&gt;/&lt;variant&gt;/yyyy/mm/dd/hh/&lt;yyyymmddThhmmss&gt;-&lt;writer&gt;.jsonl</c> and
/// <c>ground-truth/&lt;endpoint&gt;/yyyy/mm/dd/hh/…jsonl</c>, hours in UTC. Names become folders, so they are checked.
/// </summary>
public static partial class CapturePaths
{
    public const string CaptureFolder = "capture";
    public const string GroundTruthFolder = "ground-truth";
    public const string Extension = ".jsonl";

    public static string EndpointFolder(string root, string endpoint) => Path.Combine(root, CaptureFolder, CheckName(endpoint, "endpoint"));

    public static string VariantFolder(string root, string endpoint, string variant) =>
        Path.Combine(EndpointFolder(root, endpoint), CheckName(variant, "variant"));

    public static string GroundTruthEndpointFolder(string root, string endpoint) => Path.Combine(root, GroundTruthFolder, CheckName(endpoint, "endpoint"));

    /// <summary>The <c>yyyy/mm/dd/hh</c> folder of <paramref name="time"/> (UTC) under <paramref name="parent"/>.</summary>
    public static string HourFolder(string parent, DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return Path.Combine(parent, utc.ToString("yyyy", CultureInfo.InvariantCulture), utc.ToString("MM", CultureInfo.InvariantCulture),
            utc.ToString("dd", CultureInfo.InvariantCulture), utc.ToString("HH", CultureInfo.InvariantCulture));
    }

    /// <summary>The file name of a file started at <paramref name="time"/> by <paramref name="writerId"/> (its n-th in that second when n &gt; 0).</summary>
    public static string FileName(DateTimeOffset time, string writerId, int sequence = 0) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + writerId + (sequence > 0 ? $"-{sequence}" : "") + Extension;

    /// <summary>
    /// The <c>.jsonl</c> files under <paramref name="parent"/> (an endpoint's folder with <paramref name="variantLevels"/> = 1, a
    /// variant's or the ground truth's with 0) whose hour lies in [<paramref name="since"/>, <paramref name="until"/>).
    /// </summary>
    public static IReadOnlyList<string> FilesBetween(string parent, DateTimeOffset? since, DateTimeOffset? until, int variantLevels)
    {
        var files = HoursBetween(parent, since, until, variantLevels).SelectMany(hour => hour.Files).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The same files grouped by their hour (every variant's files of an hour together), oldest hour first.</summary>
    public static IReadOnlyList<(DateTime Hour, IReadOnlyList<string> Files)> HoursBetween(string parent, DateTimeOffset? since, DateTimeOffset? until, int variantLevels)
    {
        if (!Directory.Exists(parent)) return [];
        var firstHour = since is { } from ? Truncate(from) : DateTime.MinValue;
        var hours = new SortedDictionary<DateTime, List<string>>();
        foreach (var hourFolder in HourFolders(parent, variantLevels))
        {
            if (HourOf(hourFolder) is not { } hour) continue;
            if (hour < firstHour || (until is { } to && hour >= to.UtcDateTime)) continue;
            if (!hours.TryGetValue(hour, out var files)) hours[hour] = files = [];
            files.AddRange(Directory.EnumerateFiles(hourFolder, "*" + Extension));
        }
        return hours.Where(hour => hour.Value.Count > 0).Select(hour =>
        {
            hour.Value.Sort(StringComparer.Ordinal);
            return (hour.Key, (IReadOnlyList<string>)hour.Value);
        }).ToList();
    }

    /// <summary>A writer id that no other process (here or on another host) or restart shares.</summary>
    public static string NewWriterId() =>
        $"{Sanitize(Environment.MachineName)}~{Environment.ProcessId}~{Guid.NewGuid().ToString("N")[..6]}";

    private static IEnumerable<string> HourFolders(string parent, int variantLevels)
    {
        IEnumerable<string> level = [parent];
        for (var i = 0; i < variantLevels + 4; i++) level = level.SelectMany(folder => Directory.EnumerateDirectories(folder));
        return level;
    }

    private static DateTime? HourOf(string hourFolder)
    {
        var parts = hourFolder.Split(Path.DirectorySeparatorChar);
        var text = string.Join("-", parts[^4..]);
        return DateTime.TryParseExact(text, "yyyy-MM-dd-HH", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var hour) ? hour : null;
    }

    private static DateTime Truncate(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
    }

    private static string CheckName(string name, string field)
    {
        if (!SafeName().IsMatch(name))
            throw new InputException($"{field} '{name}' must start with a letter or digit and use only letters, digits, '.', '_' and '-'", field);
        return name;
    }

    private static string Sanitize(string host) => new(host.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$")]
    private static partial Regex SafeName();
}

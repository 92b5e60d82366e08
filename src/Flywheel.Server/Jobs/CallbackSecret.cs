using System.Security.Cryptography;

namespace Flywheel.Server.Jobs;

/// <summary>
/// The secret that signs notifications to per-request callback URLs: <see cref="JobsOptions.CallbackSecret"/>, else
/// the one in <c>&lt;state folder&gt;/webhook.secret</c> (created 0600 on first use; a receiver reads it from there).
/// </summary>
public sealed class CallbackSecret(ServerOptions server, JobsOptions options)
{
    public const string FileName = "webhook.secret";
    private readonly Lazy<string> _value = new(() => options.CallbackSecret ?? ReadOrCreate(Path.Combine(server.StateFolder, FileName)));

    public string Value => _value.Value;

    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var temp = path + $".{Environment.ProcessId}.tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temp, create))
        using (var writer = new StreamWriter(file)) writer.Write(secret);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp); // another process made it first
        }
        return File.ReadAllText(path).Trim();
    }
}

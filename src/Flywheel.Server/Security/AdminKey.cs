using Flywheel.Operate.Access;
using Flywheel.Storage;

namespace Flywheel.Server.Security;

/// <summary>
/// First start: when the store has no active admin key, make one — the given one (<c>FLYWHEEL_ADMIN_KEY</c>) or a new
/// random one — store only its hash, and hand the secret to the operator once: printed to the console (never through
/// the logger) and written to <c>admin.key</c> (mode 0600) in the server's state folder for the local CLI.
/// </summary>
public static class AdminKey
{
    public const string FileName = "admin.key";
    public const string KeyName = "admin";

    /// <summary>The secret when one was created now; null when an admin key already existed.</summary>
    public static async Task<string?> EnsureAsync(MetadataStore store, ServerOptions options, TextWriter console, CancellationToken cancellation = default)
    {
        if (await store.Keys.AnyActiveAsync(Roles.Admin, cancellation)) return null;
        string secret;
        if (!string.IsNullOrWhiteSpace(options.AdminKey))
        {
            secret = options.AdminKey.Trim();
            await store.Keys.ImportAsync(KeyName, Roles.Admin, secret, "server", cancellation);
            console.WriteLine("flywheel: created the admin API key from FLYWHEEL_ADMIN_KEY");
        }
        else
        {
            secret = (await store.Keys.CreateAsync(KeyName, Roles.Admin, null, "server", cancellation)).Secret;
            console.WriteLine($"flywheel: created the admin API key (shown once; also in {Path.Combine(options.StateFolder, FileName)}):");
            console.WriteLine(secret);
        }
        WriteKeyFile(Path.Combine(options.StateFolder, FileName), secret);
        return secret;
    }

    private static void WriteKeyFile(string path, string secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temp, create))
        using (var writer = new StreamWriter(file))
            writer.WriteLine(secret);
        File.Move(temp, path, overwrite: true);
    }
}

using System.Runtime.InteropServices;

namespace Flywheel.Storage;

/// <summary>What a path is on disk: the BCL cannot tell a FIFO or a device from a regular file, so Linux is asked directly.</summary>
internal enum FileKind { Missing, Regular, Directory, Special }

internal static partial class FileKinds
{
    /// <summary>The kind of <paramref name="path"/>, following symbolic links.</summary>
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        return OperatingSystem.IsLinux() && LinuxMode(path) is int mode && (mode & TypeMask) != RegularType ? FileKind.Special : FileKind.Regular;
    }

    private const int TypeMask = 0xF000;     // S_IFMT
    private const int RegularType = 0x8000;  // S_IFREG
    private const int StatxType = 0x0001;    // STATX_TYPE
    private const int AtFdCwd = -100;        // AT_FDCWD

    // statx has one layout on every Linux architecture (unlike stat): stx_mode is the 16-bit field at byte 28 of 256.
    private static int? LinuxMode(string path)
    {
        var buffer = new byte[256];
        try
        {
            return Statx(AtFdCwd, path, 0, StatxType, buffer) == 0 ? BitConverter.ToUInt16(buffer, 28) : null;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mask, byte[] buffer);
}

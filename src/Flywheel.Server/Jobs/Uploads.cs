using System.Security.Cryptography;
using Flywheel.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace Flywheel.Server.Jobs;

/// <summary>
/// Uploaded inputs: streamed to <c>&lt;artifact root&gt;/uploads/&lt;id&gt;</c> (a temporary file renamed when the body
/// ended), so a worker on another machine reads them from the shared artifact root. The id is random, 32 hex digits.
/// </summary>
public static class Uploads
{
    public static string Folder(MetadataStore store) => Path.Combine(store.Artifacts.Root, "uploads");

    /// <summary>The file of an upload; an id that is not 32 hex digits is bad input, an unknown one not found.</summary>
    public static string PathOf(MetadataStore store, string id, string field)
    {
        if (id.Length != 32 || !id.All(Uri.IsHexDigit)) throw new InputException($"'{id}' is not an upload id (32 hex digits)", field);
        var path = Path.Combine(Folder(store), id.ToLowerInvariant());
        return File.Exists(path) ? path : throw new NotFoundException($"no upload with id '{id}'", field);
    }

    public static async Task<(string Id, long Bytes, string Sha256)> SaveAsync(MetadataStore store, HttpContext http, long limit, CancellationToken cancellation)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = Folder(store);
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{id}.part");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, cancellation)) > 0)
                {
                    bytes += read;
                    if (bytes > limit) throw new BadHttpRequestException($"the upload is larger than {limit} bytes", StatusCodes.Status413PayloadTooLarge);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
                }
                await file.FlushAsync(cancellation);
                file.Flush(flushToDisk: true);
            }
            if (bytes == 0) throw new InputException("the upload is empty", "body");
            File.Move(temp, Path.Combine(folder, id));
            return (id, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}

using System.Buffers;

namespace Flywheel.Server;

/// <summary>
/// Reads a request body into memory up to a limit (checked against Content-Length first, then while reading), in a
/// pooled buffer sized by Content-Length when given: a fresh 80 KB chunk per one-row request was most of the
/// allocation on the inference path. <paramref name="use"/> turns the bytes into the result before the buffer goes back.
/// </summary>
internal static class BoundedBody
{
    /// <summary>The body as <paramref name="use"/> reads it, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, long limit, Func<byte[], int, T> use, CancellationToken cancellation) where T : class
    {
        if (request.ContentLength > limit) return null;
        var pool = ArrayPool<byte>.Shared;
        var buffer = pool.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, limit) + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellation)) > 0)
            {
                length += read;
                if (length > limit) return null;
                if (length == buffer.Length)
                {
                    var larger = pool.Rent((int)Math.Min(buffer.Length * 2L, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }
            }
            return use(buffer, length);
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    /// <summary>The body's bytes (a copy the caller owns), or null when it is larger than <paramref name="limit"/>.</summary>
    public static Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellation) =>
        ReadAsync(request, limit, (bytes, length) => bytes.AsSpan(0, length).ToArray(), cancellation);
}

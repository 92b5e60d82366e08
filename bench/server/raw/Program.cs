// The ceiling: Kestrel with nothing behind it. Reads the body (as a scorer must) and answers a constant prediction.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var answer = """{"predictions":[{"score":0.5}]}"""u8.ToArray();
app.MapPost("/invocations", async (HttpContext context) =>
{
    using var drain = new MemoryStream();
    await context.Request.Body.CopyToAsync(drain);
    context.Response.ContentType = "application/json";
    await context.Response.Body.WriteAsync(answer);
});
app.Run();

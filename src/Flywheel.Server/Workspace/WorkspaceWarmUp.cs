using System.Diagnostics;
using System.Globalization;
using Flywheel.Operate.Listings;
using Flywheel.Server.Registry;
using Flywheel.UseCases;

namespace Flywheel.Server.Workspace;

/// <summary>
/// With <see cref="ServerOptions.WarmWorkspace"/>, computes in the background what the workspace's pages would
/// otherwise compute on their first visit, one served use case after the other: the data's profile and diagnosis, the
/// value priced with the model's figures, the staged plan, and the newest model version's decisions. Each lands in the
/// cache the page reads; a failure only means that page does the work itself when it is opened.
/// </summary>
internal sealed class WorkspaceWarmUp(ServerStore server, DataFindingsCache findings, ModelDecisionsCache decisions, ILogger<WorkspaceWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!server.Options.WarmWorkspace) return;
        await Task.Yield();
        var options = new UseCaseOptions(server.Options.DataRoots);
        foreach (var folder in server.Options.UseCases)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var useCase = UseCaseLoader.Load(folder, options);
                if (useCase.Data is not null) await Task.Run(() => findings.Diagnose(useCase, options, stopping), stopping);
                if (useCase.Value is not null)
                {
                    var measured = await ValuePricing.MeasuredAsync(useCase, null, server.Options.StoreOptions, stopping);
                    InEachLanguage(() => Operate.ReportCharts.Draw(ValuePricing.AsFiled(useCase, measured).Report.Value));
                }
                if (useCase.Plan is not null)
                {
                    var (priced, plan) = await UseCases.Planning.PlanAsync(useCase.Name, server, stopping);
                    InEachLanguage(() => Operate.ReportCharts.Draw(UseCases.Planning.Report(priced, plan)));
                }
                if ((await server.Store.Models.ListVersionsAsync(useCase.Name, stopping)) is { Count: > 0 } versions)
                    await decisions.OpenAsync(useCase.Name, versions[^1].Version, stopping);
                logger.LogInformation("workspace: {UseCase} ready in {Milliseconds} ms", useCase.Name, watch.ElapsedMilliseconds);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogDebug("workspace: warming {Folder} stopped: {Error}", folder, error.Message);
            }
        }
    }

    // The pages' reports are kept per language (their labels and number formats are the reader's).
    private static void InEachLanguage(Action warm)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            foreach (var language in WorkspaceCultures.Supported)
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
                warm();
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Flywheel.Operate.Listings;
using Flywheel.Operate.Monitoring.Growth;
using Flywheel.Server.Monitoring;
using Flywheel.Server.Registry;
using Flywheel.UseCases;

namespace Flywheel.Server.Workspace;

/// <summary>
/// With <see cref="ServerOptions.WarmWorkspace"/>, computes in the background what the workspace's pages would
/// otherwise compute on their first visit, one served use case after the other: the data's profile and diagnosis, the
/// value priced with the model's figures, the staged plan, the growth evidence, each endpoint's newest monitoring run and
/// the newest model version's decisions. Each lands in the
/// cache the page reads; a failure only means that page does the work itself when it is opened.
/// </summary>
internal sealed class WorkspaceWarmUp(ServerStore server, DataFindingsCache findings, ModelDecisionsCache decisions, MonitoringHost monitoring,
    Operate.RecordedRunDocuments recordedRuns, IServiceProvider services, ILogger<WorkspaceWarmUp> logger) : BackgroundService
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
                // The growth evidence (one scan of the capture) and each endpoint's newest monitoring run, charts drawn.
                var (_, endpoints) = await monitoring.UseCaseAsync(useCase.Name, stopping);
                if (endpoints.Count > 0)
                {
                    var growth = await GrowthEvidence.BuildAsync(useCase, endpoints, monitoring.Capture, services.GetService<Flywheel.Storage.IHumanLabels>(), monitoring.Store, cancellation: stopping);
                    Operate.ReportCharts.Draw(Pages.GrowthPage.DocumentOf(growth));
                }
                foreach (var endpoint in endpoints)
                {
                    var runs = await monitoring.Store.ListRunsAsync(endpoint, 0, 1, stopping);
                    if (runs.Runs.Count > 0) Operate.ReportCharts.Draw((await recordedRuns.GetAsync(runs.Runs[0].Id, stopping)).Document);
                }
                if ((await server.Store.Models.ListVersionsAsync(useCase.Name, stopping)) is { Count: > 0 } versions)
                {
                    // The model page's packages (opened and verified once) and the decision explorer's newest version.
                    await new ModelListings(server.Store).GetAsync(useCase.Name, stopping);
                    foreach (var version in versions.TakeLast(2)) await new ModelEvaluations(server.Store).GetAsync(useCase.Name, version.Version, stopping);
                    await decisions.OpenAsync(useCase.Name, versions[^1].Version, stopping);
                }
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

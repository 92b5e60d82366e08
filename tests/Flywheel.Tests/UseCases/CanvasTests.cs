using Flywheel.Operate.Monitoring.Growth;
using Flywheel.UseCases;

namespace Flywheel.Tests.UseCases;

/// <summary>The canvas section: read with its place in the file, written back without touching the rest, judged against the growth evidence.</summary>
public sealed class CanvasTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-canvas-").FullName;

    private const string Head = """
        name: fakes   # 偽物チェック
        statement: As a buyer, I only ever see genuine items.
        value:
          parameters:
            items_per_day: 1000 item/day
          value: items_per_day * 3 JPY/item
        plan:
          metric: { name: fakes caught / all fakes, figure: model.recall }
          steps:
            - name: manual
              kind: manual
              measured: { metric: 0.3 }
              go: metric >= 0.25
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "flywheel.yaml");
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    [Fact]
    public void A_canvas_reads_blocks_a_single_text_as_one_item_and_the_growth_statements_with_their_metrics()
    {
        var useCase = UseCaseLoader.Load(Write(Head + """

            canvas:
              customer_segments: [出品者, 購入者]
              value_propositions: 本物だけが届く
              growth:
                solves_problem: { statement: 偽物が届かなくなる, metric: plan.metric }
                moves_kpi: { statement: 返品が減る }
            """));
        var canvas = useCase.Canvas!;
        Assert.Equal(["出品者", "購入者"], canvas.Block("customer_segments"));
        Assert.Equal(["本物だけが届く"], canvas.Block("value_propositions"));
        Assert.Empty(canvas.Block("channels"));
        Assert.Equal("plan.metric", canvas.Condition(CanvasKeys.SolvesProblem)?.Metric?.Value);
        Assert.Null(canvas.Condition(CanvasKeys.MovesKpi)?.Metric);
        Assert.Null(canvas.Condition(CanvasKeys.MoreData));
    }

    [Fact]
    public void An_unknown_figure_or_key_is_named_at_its_place()
    {
        var figure = Assert.Throws<InputException>(() => UseCaseLoader.Load(Write(Head + """

            canvas:
              growth:
                more_data: { statement: more labels, metric: data.rows }
            """)));
        Assert.Equal(16, figure.Line);
        Assert.Contains("data.rows", figure.Message);
        Assert.Contains("data.labelled_per_day", figure.Message);

        var key = Assert.Throws<InputException>(() => UseCaseLoader.Load(Write(Head + "\ncanvas:\n  customers: [a]\n")));
        Assert.Contains("customers", key.Message);
    }

    [Fact]
    public void Setting_the_canvas_writes_it_back_in_japanese_and_keeps_the_rest_of_the_file()
    {
        var path = Write(Head);
        var content = new CanvasContent(
            new Dictionary<string, IReadOnlyList<string>> { ["customer_segments"] = ["出品者", "購入者 \"個人\""], ["channels"] = ["アプリ"] },
            new Dictionary<string, GrowthStatement> { [CanvasKeys.MovesKpi] = new("返品が減る", CanvasKeys.RealizedValuePerDay) });
        var saved = CanvasEditing.SetCanvas(path, UseCaseEditor.Fingerprint(path), content);

        Assert.Equal(["出品者", "購入者 \"個人\""], saved.Canvas!.Block("customer_segments"));
        Assert.Equal(CanvasKeys.RealizedValuePerDay, UseCaseLoader.Load(path).Canvas!.Condition(CanvasKeys.MovesKpi)?.Metric?.Value);
        var text = File.ReadAllText(path);
        Assert.StartsWith("name: fakes   # 偽物チェック\n", text);
        Assert.Contains("items_per_day: 1000 item/day", text);
        Assert.Throws<ConflictException>(() => CanvasEditing.SetCanvas(path, new string('0', 64), content));
    }

    [Fact]
    public void A_step_is_marked_done_with_who_when_and_why_and_unmarked_again()
    {
        var path = Write(Head);
        var at = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var done = CanvasEditing.SetStepDone(path, null, "manual", new PlanStepDone(at, "user:hana", true, "理由: 先行して進める", new SourcePosition(path, 1, 1)));
        var step = done.Plan!.Steps.Single();
        Assert.Equal(("user:hana", true, "理由: 先行して進める", at), (step.Done!.By, step.Done.Override, step.Done.Reason, step.Done.At));

        var undone = CanvasEditing.SetStepDone(path, null, "manual", null);
        Assert.Null(undone.Plan!.Steps.Single().Done);
        Assert.Equal(Head.ReplaceLineEndings("\n") + "\n", File.ReadAllText(path));
    }

    [Fact]
    public void Each_condition_is_flagged_from_what_the_team_stated_and_what_the_evidence_says()
    {
        var canvas = UseCaseLoader.Load(Write(Head + """

            canvas:
              growth:
                solves_problem: { statement: fakes stop arriving, metric: plan.metric }
                moves_kpi: { statement: fewer returns }
            """)).Canvas;
        GrowthCondition Condition(string id, string verdict) => new(id, id, verdict, "rule", $"{id} is {verdict}", new Dictionary<string, double?>());
        var evidence = new GrowthReport("fakes", [], "recall", [], [], [new AccuracyPoint(new DateOnly(2026, 12, 1), "1", "recall", 0.2, 10), new AccuracyPoint(new DateOnly(2026, 12, 2), "1", "recall", 0.5, 30)], [],
            [Condition("solves-problem", GrowthVerdicts.NotMet), Condition("moves-kpi", GrowthVerdicts.Met), Condition("more-use-better-model", GrowthVerdicts.Met)]);

        var judged = GrowthCycleCheck.Judge(canvas, evidence).ToDictionary(i => i.Key);
        Assert.Equal(GrowthCheckFlags.ContraryEvidence, judged[CanvasKeys.SolvesProblem].Flag);
        Assert.Equal((0.2 * 10 + 0.5 * 30) / 40, judged[CanvasKeys.SolvesProblem].Evidence!.Value, 12);
        Assert.Equal(GrowthCheckFlags.NoMetric, judged[CanvasKeys.MovesKpi].Flag);
        Assert.Equal(GrowthCheckFlags.NotStated, judged[CanvasKeys.MoreData].Flag);

        var met = evidence with { Conditions = [Condition("solves-problem", GrowthVerdicts.Met)] };
        Assert.Equal(GrowthCheckFlags.Supported, GrowthCycleCheck.Judge(canvas, met)[0].Flag);
        Assert.Equal(GrowthCheckFlags.AwaitingEvidence, GrowthCycleCheck.Judge(canvas, null)[0].Flag);
        Assert.False(GrowthCycleCheck.CanEvidence(CanvasKeys.MovesKpi, CanvasKeys.LabelledPerDay));
    }
}

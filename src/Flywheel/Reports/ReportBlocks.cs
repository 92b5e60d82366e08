using System.Text.Json.Serialization;
using Flywheel.Reports.Charts;

namespace Flywheel.Reports;

/// <summary>A piece of a section. In JSON each block carries its kind in <c>"type"</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ParagraphBlock), "paragraph")]
[JsonDerivedType(typeof(CalloutBlock), "callout")]
[JsonDerivedType(typeof(BulletListBlock), "bullets")]
[JsonDerivedType(typeof(PreformattedBlock), "preformatted")]
[JsonDerivedType(typeof(KeyFiguresBlock), "key_figures")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(ChartBlock), "chart")]
public abstract record ReportBlock;

public sealed record ParagraphBlock(string Text) : ReportBlock;

public sealed record CalloutBlock(string Text, CalloutKind Kind) : ReportBlock;

public sealed record BulletListBlock(IReadOnlyList<string> Items) : ReportBlock;

public sealed record PreformattedBlock(string Text) : ReportBlock;

public sealed record KeyFiguresBlock(IReadOnlyList<KeyFigure> Figures) : ReportBlock;

public sealed record TableBlock(ReportTable Table) : ReportBlock;

/// <summary>A chart spec (kind, series, axis labels) and the size it is drawn at: enough to draw it again anywhere.</summary>
public sealed record ChartBlock(IChart Chart, int Width, int Height, string? Caption) : ReportBlock;

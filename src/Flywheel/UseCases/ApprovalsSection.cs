namespace Flywheel.UseCases;

/// <summary>
/// The <c>approvals</c> section: which team roles must sign off what. <see cref="Value"/>: the value formula and its
/// parameters, before the value is marked agreed; <see cref="Promotion"/>: a model version, before it is moved to
/// <c>@production</c>. Roles are kept as written (with their place in the file); the Operate stage checks them against
/// the team roles it knows.
/// </summary>
public sealed record ApprovalsSection(IReadOnlyList<Positioned<string>> Value, IReadOnlyList<Positioned<string>> Promotion, SourcePosition Position);

internal static class ApprovalsSectionReader
{
    public static ApprovalsSection Read(MappingReader section)
    {
        var value = section.StringList("value");
        var promotion = section.StringList("promotion");
        section.RejectUnknownKeys();
        return new ApprovalsSection(value, promotion, section.Position);
    }
}

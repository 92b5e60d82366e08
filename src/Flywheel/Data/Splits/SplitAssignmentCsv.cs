using System.Text;
using Flywheel.Storage;

namespace Flywheel.Data.Splits;

/// <summary>
/// The assignment as CSV: <c>row,split</c>, where row 1 is the first data row after the header. Written atomically.
/// </summary>
public static class SplitAssignmentCsv
{
    public static void Write(SplitAssignment assignment, string path) => AtomicFile.WriteAllText(path, Text(assignment));

    public static string Text(SplitAssignment assignment)
    {
        var text = new StringBuilder("row,split\n", assignment.RowCount * 10 + 16);
        for (var row = 0; row < assignment.RowCount; row++)
            text.Append(row + 1).Append(',').Append(assignment[row].Name()).Append('\n');
        return text.ToString();
    }
}

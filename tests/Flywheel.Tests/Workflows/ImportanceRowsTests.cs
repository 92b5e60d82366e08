using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

public class ImportanceRowsTests
{
    [Theory]
    // 750 test rows × 20 columns × 3 repeats × 3 members = 135,000 scorings: under the 150,000 cap, every row.
    [InlineData(750, 20, 3, 750)]
    // 100,000 rows of 20 columns, one model: 150,000 / (20 × 3) = 2,500 rows.
    [InlineData(100_000, 20, 1, 2_500)]
    // The same with a 5-member ensemble: 150,000 / (20 × 3 × 5) = 500 rows.
    [InlineData(100_000, 20, 5, 500)]
    // Wide data and a big ensemble: 150,000 / (80 × 3 × 5) = 125, raised to the 200-row floor.
    [InlineData(100_000, 80, 5, 200)]
    // Fewer test rows than the floor: all of them.
    [InlineData(150, 80, 5, 150)]
    public void Permutation_importance_scores_a_capped_sample_of_the_test_rows(int testRows, int columns, int models, int expected)
    {
        Assert.Equal(expected, TrainWorkflow.ImportanceRows(testRows, columns, models));
    }
}

using System.Text;
using Flywheel.Operate.GroundTruth;

namespace Flywheel.Tests.Operate.Capture;

public sealed class GroundTruthParserTests
{
    private static readonly GroundTruthLimits Limits = new() { MaxRecords = 3 };

    [Fact]
    public void Records_take_the_inference_id_else_the_event_id_and_scalar_labels_are_CSV()
    {
        var records = GroundTruthParser.ParseRecords(Bytes("""{"records":[{"inferenceId":"a","label":1},{"eventId":"b","label":"yes"},{"inferenceId":"c","label":{"k":[1,2]}}]}"""), Limits);

        Assert.Equal([new("a", "1", "CSV"), new("b", "yes", "CSV"), new("c", """{"k":[1,2]}""", "JSON")], records);
    }

    [Theory]
    [InlineData("""{"records":[{"inferenceId":"a","label":1},{"label":1}]}""", "records[1].inferenceId")]
    [InlineData("""{"records":[{"inferenceId":"a","label":1},{"inferenceId":"b"}]}""", "records[1].label")]
    [InlineData("""{"records":[{"inferenceId":7,"label":1}]}""", "records[0].inferenceId")]
    [InlineData("""{"records":[{"inferenceId":"  ","label":1}]}""", "records[0].inferenceId")]
    [InlineData("""{"records":[{"inferenceId":"a","label":null}]}""", "records[0].label")]
    [InlineData("""{"records":[1]}""", "records[0]")]
    [InlineData("""{"records":[]}""", "records")]
    [InlineData("""{"records":{}}""", "records")]
    [InlineData("""{"rows":[]}""", "records")]
    [InlineData("""{"records":[{"inferenceId":"a","label":1},{"inferenceId":"a","label":1},{"inferenceId":"a","label":1},{"inferenceId":"a","label":1}]}""", "records")]
    [InlineData("""{"records":[""", "body")]
    public void A_bad_record_is_refused_naming_its_index_and_field(string body, string element)
    {
        var error = Assert.Throws<InputException>(() => GroundTruthParser.ParseRecords(Bytes(body), Limits));
        Assert.Equal(element, error.File);
    }

    [Fact]
    public void Model_monitor_json_lines_are_read_line_by_line()
    {
        var body = """
            {"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"a"},"eventVersion":"0"}

            {"groundTruthData":{"data":"{\"y\":2}","encoding":"JSON"},"eventMetadata":{"eventId":"b"},"eventVersion":"0"}
            """;

        Assert.Equal([new("a", "1", "CSV"), new("b", """{"y":2}""", "JSON")], GroundTruthParser.ParseJsonLines(Bytes(body), Limits));
    }

    [Theory]
    [InlineData("""{"groundTruthData":{"data":"1"},"eventMetadata":{}}""", "eventMetadata.eventId", 2)]
    [InlineData("""{"eventMetadata":{"eventId":"b"}}""", "groundTruthData.data", 2)]
    [InlineData("""{"groundTruthData":{"data":"1","encoding":"XML"},"eventMetadata":{"eventId":"b"}}""", "groundTruthData.encoding", 2)]
    [InlineData("""{"groundTruthData":{"data":"1"},"eventMetadata":{"eventId":"b"},"eventVersion":"1"}""", "eventVersion", 2)]
    [InlineData("""{"groundTruthData":""", "line", 2)]
    public void A_bad_line_is_refused_naming_its_line_and_field(string second, string field, int line)
    {
        var body = """{"groundTruthData":{"data":"1"},"eventMetadata":{"eventId":"a"}}""" + "\n" + second;
        var error = Assert.Throws<InputException>(() => GroundTruthParser.ParseJsonLines(Bytes(body), Limits));
        Assert.Equal((field, line), (error.File, error.Line));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

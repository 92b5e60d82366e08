using Flywheel.Operate.Capture;
using Flywheel.Operate.Monitoring.Windows;
using static Flywheel.Tests.Operate.Monitoring.MonitoringFixtures;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>Captured requests and responses decoded into columns, with what did not fit the schema counted rather than thrown.</summary>
public sealed class WindowDecoderTests
{
    [Fact]
    public void Headerless_csv_rows_fill_the_columns_in_schema_order_and_the_answers_pair_with_them()
    {
        var window = Decode(
            Csv(1, "1.5,basic\n2,premium\n", Answer(("no", 0.2, "automatic"), ("yes", 0.45, "review"))),
            Csv(2, "x,plan\n3,basic\n", Answer(("yes", 0.9, "automatic")))); // MLflow's header row names every input

        Assert.Equal(3, window.Count);
        Assert.Equal([1.5, 2, 3], window.Numbers[0]!);
        Assert.Equal("basic|premium|basic", Join(window.Texts[1]));
        Assert.Equal([0.2, 0.45, 0.9], window.Scores);
        Assert.Equal("no|yes|yes", Join(window.Predicted));
        Assert.Equal([false, true, false], window.Reviewed);
        Assert.Equal([0, 0, 1], window.Request);
        Assert.Null(window.Numbers[1]);
    }

    [Fact]
    public void Json_records_count_missing_and_unknown_fields_and_values_of_another_type()
    {
        var window = Decode(
            Json(1, "{\"instances\":[{\"x\":1,\"plan\":\"basic\"},{\"plan\":\"basic\",\"coupon\":\"A\"},{\"x\":\"lots\",\"plan\":null}]}",
                Answer(("no", 0.1, "automatic"), ("no", 0.2, "automatic"), ("no", 0.3, "automatic"))),
            Json(2, "[[4, \"premium\"]]", Answer(("yes", 0.8, "automatic"))));

        Assert.Equal(4, window.Count);
        Assert.Equal(1, window.Numbers[0]![0]);
        Assert.True(double.IsNaN(window.Numbers[0]![1]) && double.IsNaN(window.Numbers[0]![2]));
        Assert.Equal(4, window.Numbers[0]![3]);
        var evidence = window.Evidence;
        Assert.Equal([1L, 0L], evidence.Absent);        // x absent from the second record
        Assert.Equal([1L, 0L], evidence.TypeErrors);    // "lots" is not a number
        Assert.Equal([1L, 1L], evidence.Missing);       // the absent x, the null plan
        Assert.Equal(new Dictionary<string, long> { ["coupon"] = 1 }, evidence.ExtraFields);
        Assert.Equal(3, evidence.RecordRows);
    }

    [Fact]
    public void A_request_that_does_not_parse_is_counted_with_its_error_and_adds_no_rows()
    {
        var window = Decode(
            Json(1, "{\"instances\": [", Answer(("no", 0.1, "automatic"))),
            Csv(2, "5,basic\n", Answer(("no", 0.1, "automatic"))));

        Assert.Equal(1, window.Count);
        Assert.Equal((1L, 2L), (window.Evidence.UnparsedRequests, window.Evidence.Requests));
        Assert.StartsWith("request inf-1:", window.Evidence.FirstError, StringComparison.Ordinal);
        Assert.Equal([1], window.Request); // the row belongs to the second request
    }

    [Fact]
    public void A_response_with_another_number_of_rows_leaves_its_rows_without_a_prediction()
    {
        var window = Decode(Csv(1, "1,basic\n2,basic\n", Answer(("no", 0.1, "automatic"))));

        Assert.Equal(2, window.Count);
        Assert.All(window.Scores, score => Assert.True(double.IsNaN(score)));
        Assert.Equal("∅|∅", Join(window.Predicted));
    }

    [Fact]
    public void Facet_fields_outside_the_schema_are_kept_not_counted_as_extra()
    {
        var window = Decode(new HashSet<string> { "gender" },
            Json(1, "[{\"x\":1,\"plan\":\"basic\",\"gender\":\"female\"},{\"x\":2,\"plan\":\"basic\"}]", Answer(("no", 0.1, "automatic"), ("no", 0.2, "automatic"))),
            Csv(2, "3,basic\n", Answer(("no", 0.1, "automatic"))));

        Assert.Equal("female|∅|∅", Join(window.Extras["gender"]));
        Assert.Empty(window.Evidence.ExtraFields);
        Assert.Equal("female|∅|∅", Join(window.TextOf("gender")));
        Assert.Equal("1|2|3", Join(window.TextOf("x")));
    }

    [Fact]
    public void Csv_responses_and_base64_requests_are_read_too()
    {
        var body = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("7,basic\n"));
        var record = Csv(1, body, "yes,0.7,\"[0.3,0.7]\",\"[\"\"no\"\",\"\"yes\"\"]\",0.7,automatic,inf-1\n") with { InputEncoding = "BASE64", OutputEncoding = "CSV" };

        var window = Decode(record);

        Assert.Equal([7.0], window.Numbers[0]!);
        Assert.Equal([0.7], window.Scores);
        Assert.Equal("yes", Join(window.Predicted));
    }

    [Fact]
    public void Records_read_ahead_on_another_thread_keep_their_order_and_the_readers_error_reaches_the_caller()
    {
        var records = Enumerable.Range(0, 500).Select(i => Csv(i, $"{i},basic\n", Answer(("no", i / 1000.0, "automatic")))).ToList();

        var window = WindowDecoder.Decode(Spec, records);

        Assert.Equal(Enumerable.Range(0, 500).Select(i => (double)i), window.Numbers[0]!);
        Assert.Equal(Enumerable.Range(0, 500), window.Request);
        Assert.Same(window.Texts[1]![0], window.Texts[1]![499]); // a repeated category value is one string
        var error = Assert.Throws<InputException>(() => WindowDecoder.Decode(Spec, Failing(records.Take(100))));
        Assert.Contains("capture file torn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_csv_is_read_in_place_as_the_record_reader_reads_it_and_a_quoted_body_still_goes_through_the_reader()
    {
        var window = Decode(
            Csv(1, "1, basic\r\n\r\n2,pre\rmium\n\n 3 ,NA\n", Answer(("no", 0.1, "automatic"), ("no", 0.2, "automatic"), ("no", 0.3, "automatic"))),
            Csv(2, "plan,x,extra\nbasic,4,z\n", Answer(("no", 0.4, "automatic"))),
            Csv(3, "5\n", Answer(("no", 0.5, "automatic"))),
            Csv(4, "6,\"premium, plus\"\n", Answer(("yes", 0.6, "automatic"))));

        Assert.Equal([1.0, 2, 3, 4, 5, 6], window.Numbers[0]!);
        Assert.Equal(" basic|pre\rmium|NA|basic|∅|premium, plus", Join(window.Texts[1])); // a CRLF ends a line, a lone CR is text
        Assert.Equal([0L, 1L], window.Evidence.Absent);  // "5" has no plan
        Assert.Equal([0L, 1L], window.Evidence.Missing);
        Assert.Empty(window.Evidence.ExtraFields);       // the header named "extra", so it is not column_3
        Assert.Equal([0, 0, 0, 1, 2, 3], window.Request);
    }

    [Fact]
    public void Responses_are_read_for_their_three_fields_in_every_shape_the_document_reader_takes()
    {
        const string nested = "{\"endpoint\":\"e\",\"predictions\":[{\"score\":0.3,\"explanation\":{\"score\":9,\"decision\":\"review\"},\"predicted_label\":\"no\",\"decision\":\"automatic\"}],\"model\":\"m\"}";
        const string list = "[{\"predicted_score\":1.25,\"score\":1.25,\"decision\":\"review\"}]";
        const string lines = "{\"predicted_label\":\"yes\",\"score\":0.8,\"decision\":\"automatic\"}\n{\"predicted_label\":\"other\",\"score\":\"high\"}\n";
        var window = Decode(Csv(1, "1,basic\n", nested), Csv(2, "2,basic\n", list), Csv(3, "3,basic\n4,basic\n", lines));

        Assert.Equal([0.3, 1.25, 0.8, double.NaN], window.Scores);
        Assert.Equal("no|1.25|yes|other", Join(window.Predicted));
        Assert.Equal([false, true, false, false], window.Reviewed);
        Assert.Same(Spec.Classes[0], window.Predicted[0]); // the package's own string for a class, in both readers
        Assert.Same(Spec.Classes[1], window.Predicted[2]);
    }

    [Fact]
    public void Requests_decoded_in_parallel_batches_join_in_their_order_with_their_evidence_summed()
    {
        var records = Enumerable.Range(0, 1000).Select(i => i % 97 == 5
            ? Json(i, "{\"instances\": [", Answer(("no", 0.1, "automatic")))
            : Csv(i, $"{i},p{i % 3}\n{i},p{i % 3}\n", Answer(("no", i / 1000.0, "automatic"), ("no", i / 1000.0, "automatic")))).ToList();

        var window = WindowDecoder.Decode(Spec, records);

        var parsed = Enumerable.Range(0, 1000).Where(i => i % 97 != 5).ToList();
        Assert.Equal(parsed.SelectMany(i => new[] { (double)i, i }), window.Numbers[0]!);
        Assert.Equal(parsed.SelectMany(i => new[] { i, i }), window.Request);
        Assert.Equal(parsed.SelectMany(i => new[] { i / 1000.0, i / 1000.0 }), window.Scores);
        Assert.Equal((11L, 1000L), (window.Evidence.UnparsedRequests, window.Evidence.Requests));
        Assert.StartsWith("request inf-5:", window.Evidence.FirstError, StringComparison.Ordinal);
        Assert.Equal(3, window.Texts[1]!.Distinct(ReferenceEqualityComparer.Instance).Count()); // one string per value across batches
    }

    private static IEnumerable<CapturedRecord> Failing(IEnumerable<CapturedRecord> first)
    {
        foreach (var record in first) yield return record;
        throw new InputException("capture file torn", "capture");
    }

    private static string Join(string?[]? values) => string.Join("|", (values ?? []).Select(v => v ?? "∅"));
}

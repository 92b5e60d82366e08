using Flywheel.UseCases;

namespace Flywheel.Tests.UseCases;

public sealed class UseCaseEditorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-editor-").FullName;

    private const string File = """
        name: 返品削減   # 日本語の名前
        statement: As a buyer, I only ever see genuine items.
        value:
          parameters:
            # who owns what
            items_per_day: { value: 1000, unit: item/day, owner: Marketing }   # from the shop's dashboard
            hourly_rate: 2000 JPY/h
            fake_share:
              value: 0.02
              range: [0.01, 0.05]
              owner: Domain Expert
          value: items_per_day * fake_share * 3000 JPY/item - 8 h/day * hourly_rate
          horizon: 2 year
        """;

    private string Write(string text = File)
    {
        var path = Path.Combine(_folder, "flywheel.yaml");
        System.IO.File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Setting_a_flow_mapping_parameter_changes_only_its_number()
    {
        var path = Write();
        var before = System.IO.File.ReadAllText(path);
        var useCase = UseCaseEditor.SetParameter(path, UseCaseEditor.Fingerprint(path), "items_per_day", 1250.5);

        Assert.Equal(1250.5, useCase.Value!.Parameters.Single(p => p.Name == "items_per_day").Value);
        var after = System.IO.File.ReadAllText(path);
        Assert.Equal(before.Replace("{ value: 1000, unit", "{ value: 1250.5, unit"), after);
    }

    [Fact]
    public void Setting_a_plain_parameter_keeps_its_unit_and_a_block_one_keeps_its_range_and_comments()
    {
        var path = Write();
        UseCaseEditor.SetParameter(path, null, "hourly_rate", 2500);
        var useCase = UseCaseEditor.SetParameter(path, null, "fake_share", 0.035);

        var text = System.IO.File.ReadAllText(path);
        Assert.Contains("hourly_rate: 2500 JPY/h\n", text);
        Assert.Contains("  value: 0.035\n      range: [0.01, 0.05]", text);
        Assert.Contains("# 日本語の名前", text);
        Assert.Contains("# from the shop's dashboard", text);
        Assert.Contains("# who owns what", text);
        Assert.Equal("JPY/h", useCase.Value!.Parameters.Single(p => p.Name == "hourly_rate").Unit);
        Assert.Equal((0.01, 0.05), useCase.Value.Parameters.Single(p => p.Name == "fake_share").Range);
    }

    [Fact]
    public void A_stale_fingerprint_is_a_conflict_and_the_file_is_untouched()
    {
        var path = Write();
        var read = UseCaseEditor.Fingerprint(path);
        UseCaseEditor.SetParameter(path, read, "hourly_rate", 2100);
        var afterFirst = System.IO.File.ReadAllText(path);

        var error = Assert.Throws<ConflictException>(() => UseCaseEditor.SetParameter(path, read, "hourly_rate", 2200));
        Assert.Contains("changed since it was read", error.Message);
        Assert.Equal(afterFirst, System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void The_fingerprint_a_use_case_carries_is_that_of_the_bytes_it_was_read_from_or_written_as()
    {
        var path = Write();
        Assert.Equal(UseCaseEditor.Fingerprint(path), UseCaseLoader.Load(path).Fingerprint);
        var saved = UseCaseEditor.SetParameter(path, null, "hourly_rate", 2100);
        Assert.Equal(UseCaseEditor.Fingerprint(path), saved.Fingerprint);
        Assert.NotEqual(UseCaseLoader.Parse(System.IO.File.ReadAllText(path) + "# another comment\n", path).Fingerprint, saved.Fingerprint);
    }

    [Fact]
    public void A_killed_writers_leftover_temporary_is_removed_by_the_next_edit_and_a_write_in_progress_is_left_alone()
    {
        var path = Write();
        var folder = System.IO.Path.GetDirectoryName(path)!;
        // What a process killed between writing its temporary and the rename leaves: the file is whole, the temporary stays.
        var leftover = System.IO.Path.Combine(folder, $".flywheel.yaml.{Guid.NewGuid():N}.tmp");
        System.IO.File.WriteAllText(leftover, "name: half-writ");
        System.IO.File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow - UseCaseEditor.LeftoverAge - TimeSpan.FromSeconds(5));
        var inProgress = System.IO.Path.Combine(folder, $".flywheel.yaml.{Guid.NewGuid():N}.tmp");
        System.IO.File.WriteAllText(inProgress, "name: being written");
        Assert.Equal("返品削減", UseCaseLoader.Load(folder).Name); // the folder's use case is still its flywheel.yaml

        UseCaseEditor.SetParameter(path, null, "hourly_rate", 2100);
        Assert.False(System.IO.File.Exists(leftover));
        Assert.True(System.IO.File.Exists(inProgress));
        Assert.Equal(2100, UseCaseLoader.Load(path).Value!.Parameters.Single(p => p.Name == "hourly_rate").Value);
    }

    [Fact]
    public void An_edit_that_would_not_load_is_refused_with_the_loaders_error_and_leaves_no_file_behind()
    {
        var path = Write();
        var before = System.IO.File.ReadAllText(path);

        var error = Assert.Throws<InputException>(() => UseCaseEditor.Edit(path, null, text => text.Set(text.Root, "colour", "blue")));
        Assert.Contains("colour", error.Message);
        Assert.Equal(before, System.IO.File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void An_unknown_parameter_is_not_found_and_a_non_finite_value_is_refused()
    {
        var path = Write();
        Assert.Throws<NotFoundException>(() => UseCaseEditor.SetParameter(path, null, "nobody", 1));
        Assert.Throws<InputException>(() => UseCaseEditor.SetParameter(path, null, "hourly_rate", double.NaN));
    }

    [Fact]
    public void Set_adds_an_entry_to_block_and_flow_mappings_and_remove_takes_it_out_again()
    {
        var path = Write();
        UseCaseEditor.Edit(path, null, text => text.Set((YamlDotNet.RepresentationModel.YamlMappingNode)text.Find("value", "parameters", "fake_share")!, "description", UseCaseText.Quote("偽物の割合 \"推定\"")));
        UseCaseEditor.Edit(path, null, text => text.Set((YamlDotNet.RepresentationModel.YamlMappingNode)text.Find("value", "parameters", "items_per_day")!, "description", "daily items"));
        var useCase = UseCaseLoader.Load(path);
        Assert.Equal("偽物の割合 \"推定\"", useCase.Value!.Parameters.Single(p => p.Name == "fake_share").Description);
        Assert.Equal("daily items", useCase.Value.Parameters.Single(p => p.Name == "items_per_day").Description);
        Assert.Contains("owner: Marketing, description: daily items }", System.IO.File.ReadAllText(path));

        UseCaseEditor.Edit(path, null, text => text.Remove((YamlDotNet.RepresentationModel.YamlMappingNode)text.Find("value", "parameters", "fake_share")!, "description"));
        Assert.Null(UseCaseLoader.Load(path).Value!.Parameters.Single(p => p.Name == "fake_share").Description);
    }

    [Fact]
    public void A_section_is_replaced_whole_or_appended_and_the_next_section_is_kept()
    {
        var path = Write(File + "\nowner: Trust and Safety\n");
        UseCaseEditor.Edit(path, null, text => text.SetSection("value", """
            value:
              value: 5 JPY/day
            """));
        var useCase = UseCaseLoader.Load(path);
        Assert.Empty(useCase.Value!.Parameters);
        Assert.Equal("Trust and Safety", useCase.Owner);

        var text = System.IO.File.ReadAllText(path);
        Assert.StartsWith("name: 返品削減   # 日本語の名前\nstatement:", text);
        Assert.Contains("value:\n  value: 5 JPY/day\nowner: Trust and Safety\n", text);
    }

    [Fact]
    public void Windows_line_endings_stay_windows_line_endings()
    {
        var path = Path.Combine(_folder, "flywheel.yaml");
        System.IO.File.WriteAllText(path, File.ReplaceLineEndings("\r\n") + "\r\n");
        UseCaseEditor.Edit(path, null, text => text.Set((YamlDotNet.RepresentationModel.YamlMappingNode)text.Find("value", "parameters")!, "extra", "3"));
        var written = System.IO.File.ReadAllText(path);
        Assert.Contains("  extra: 3\r\n  value: items_per_day", written);
        Assert.DoesNotContain("\n", written.Replace("\r\n", ""));
    }
}

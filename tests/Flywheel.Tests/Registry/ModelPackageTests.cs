using Flywheel.Registry;
using Flywheel.Storage;
using Flywheel.Tests.Storage;

namespace Flywheel.Tests.Registry;

public class ModelPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-packages-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_written_package_opens_verified_with_everything_it_was_given()
    {
        var written = ModelPackageWriter.Write(PackageSamples.Content(), _root, _clock);

        var package = ModelPackage.Open(written.Path);

        Assert.Equal(written.Id, package.Id);
        Assert.Equal(Path.Combine(_root, written.Id), package.Path);
        Assert.Equal(_clock.Now, package.CreatedAt);
        var manifest = package.Manifest;
        Assert.Equal(("churn", "binary", "FastTree", 1729), (manifest.ModelName, manifest.Task, manifest.Trainer, manifest.Seed));
        Assert.Equal("契約種別", manifest.InputSchema[1].Name);
        Assert.Equal(["no", "yes"], manifest.LabelMapping);
        Assert.Equal(0.35, manifest.DecisionPolicy!.Value.GetProperty("threshold").GetDouble());
        Assert.Equal("impute:tenure:median", manifest.PreprocessingPlan!.Value.GetProperty("steps")[0].GetString());
        Assert.Equal(32.4, manifest.BaselineStatistics!.Value.GetProperty("tenure").GetProperty("mean").GetDouble());
        Assert.Equal(ContentHash.OfBytes(File.ReadAllBytes(package.ModelZipPath)), manifest.Model.Sha256);
        Assert.Equal(LibraryVersions.Current(), manifest.Libraries);
        Assert.StartsWith("5.", manifest.Libraries.MlNet);
    }

    [Fact]
    public void The_same_training_twice_is_the_same_package_and_keeps_its_first_creation_time()
    {
        var first = ModelPackageWriter.Write(PackageSamples.Content(zipTime: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), _root, _clock);
        _clock.Advance(TimeSpan.FromHours(5));
        var second = ModelPackageWriter.Write(PackageSamples.Content(zipTime: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)), _root, _clock);
        var different = ModelPackageWriter.Write(PackageSamples.Content(weights: "other weights"), _root, _clock);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Id, different.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), ModelPackage.Open(second.Path).CreatedAt);
    }

    [Fact]
    public void A_changed_model_file_is_refused_with_a_clear_error()
    {
        var written = ModelPackageWriter.Write(PackageSamples.Content(), _root, _clock);
        File.WriteAllBytes(Path.Combine(written.Path, "model.zip"), PackageSamples.Zip(_clock.Now, "swapped weights"));

        var error = Assert.Throws<InputException>(() => ModelPackage.Open(written.Path));

        Assert.Equal(written.Path, error.File);
        Assert.Contains("modified after it was written (model.zip differs from the hash in manifest.json)", error.Message);
        Assert.Contains($"its id is {written.Id}", error.Message);
    }

    [Fact]
    public void A_kept_package_is_the_same_object_until_a_file_changes_and_is_then_verified_again()
    {
        var written = ModelPackageWriter.Write(PackageSamples.Content(), _root, _clock);
        var first = ModelPackage.OpenKept(written.Path);
        Assert.Same(first, ModelPackage.OpenKept(written.Path));

        File.WriteAllBytes(Path.Combine(written.Path, "model.zip"), PackageSamples.Zip(_clock.Now, "swapped weights, longer"));
        Assert.Contains("modified after it was written", Assert.Throws<InputException>(() => ModelPackage.OpenKept(written.Path)).Message);
        File.WriteAllText(Path.Combine(written.Path, "notes.txt"), "added");
        Assert.Throws<InputException>(() => ModelPackage.OpenKept(written.Path));
    }

    [Fact]
    public void A_changed_manifest_or_an_added_file_is_refused_too()
    {
        var written = ModelPackageWriter.Write(PackageSamples.Content(), _root, _clock);
        var manifest = Path.Combine(written.Path, "manifest.json");
        var original = File.ReadAllText(manifest);

        File.WriteAllText(manifest, original.Replace("0.35", "0.05"));
        Assert.Contains("a file changed, was added or was removed", Assert.Throws<InputException>(() => ModelPackage.Open(written.Path)).Message);

        File.WriteAllText(manifest, original);
        File.WriteAllText(Path.Combine(written.Path, "extra.bin"), "x");
        Assert.Throws<InputException>(() => ModelPackage.Open(written.Path));

        File.Delete(Path.Combine(written.Path, "extra.bin"));
        Assert.Equal(written.Id, ModelPackage.Open(written.Path).Id);
    }

    [Fact]
    public void A_copied_package_whose_seal_was_edited_is_caught_by_its_folder_name()
    {
        var written = ModelPackageWriter.Write(PackageSamples.Content(), _root, _clock);
        var other = ModelPackageWriter.Write(PackageSamples.Content(weights: "other"), _root, _clock);
        File.Copy(Path.Combine(other.Path, "package.json"), Path.Combine(written.Path, "package.json"), overwrite: true);

        Assert.Throws<InputException>(() => ModelPackage.Open(written.Path));
    }

    [Fact]
    public void Attachments_are_stored_hashed_and_listed_in_the_manifest()
    {
        var content = PackageSamples.Content() with
        {
            Attachments = new Dictionary<string, byte[]> { ["serving.json"] = "{\"threshold\":0.35}"u8.ToArray(), ["evaluation.json"] = "{}"u8.ToArray() },
        };

        var package = ModelPackage.Open(ModelPackageWriter.Write(content, _root, _clock).Path);

        Assert.Equal(["evaluation.json", "serving.json"], package.Manifest.Attachments.Select(a => a.File));
        Assert.Equal("{\"threshold\":0.35}", File.ReadAllText(package.AttachmentPath("serving.json")));
        Assert.Contains("attachments: evaluation.json, serving.json", Assert.Throws<NotFoundException>(() => package.AttachmentPath("training.json")).Message);
        File.WriteAllText(package.AttachmentPath("serving.json"), "{\"threshold\":0.05}");
        Assert.Throws<InputException>(() => ModelPackage.Open(package.Path));
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("../escape.json")]
    [InlineData("sub/file.json")]
    public void Attachment_names_must_be_plain_and_not_reserved(string name)
    {
        var content = PackageSamples.Content() with { Attachments = new Dictionary<string, byte[]> { [name] = [1] } };

        Assert.Throws<ArgumentException>(() => ModelPackageWriter.Write(content, _root, _clock));
        Assert.Empty(Directory.GetDirectories(_root));
    }

    [Fact]
    public void Folders_that_are_not_packages_are_input_errors()
    {
        Assert.Contains("no manifest.json", Assert.Throws<InputException>(() => ModelPackage.Open(_root)).Message);
        Assert.Throws<NotFoundException>(() => ModelPackage.Open(Path.Combine(_root, "missing")));
    }

    [Fact]
    public void Model_bytes_that_are_not_a_zip_are_rejected_and_nothing_is_stored()
    {
        var content = PackageSamples.Content() with { ModelZip = [1, 2, 3] };

        Assert.Throws<ArgumentException>(() => ModelPackageWriter.Write(content, _root, _clock));
        Assert.Empty(Directory.GetDirectories(_root));
    }

    [Fact]
    public void The_model_card_is_filled_from_the_manifest_and_the_teams_words()
    {
        var package = ModelPackage.Open(ModelPackageWriter.Write(PackageSamples.Content(), _root, _clock).Path);
        var card = package.Card;
        var markdown = File.ReadAllText(package.CardMarkdownPath);

        Assert.Equal("解約しそうな契約者に特典を提示する。", card.IntendedUse);
        Assert.Equal(ModelCard.NotStated, card.Risk);
        Assert.Equal([new CardMetric("test.auc", 0.8125), new CardMetric("test.f1", 0.5)], card.Metrics);
        Assert.Equal((0.35, 0.3, 0.5), (card.Decision.Threshold, card.Decision.ReviewLow, card.Decision.ReviewHigh));
        Assert.Equal(["tenure", "契約種別"], card.Data.Features);
        Assert.Equal(["churn"], card.Data.Labels);
        Assert.Equal(["Trained on one region only."], card.Caveats);
        Assert.Contains("| test.auc | 0.8125 |", markdown);
        Assert.Contains("- Review band: scores in [0.3, 0.5) go to a person", markdown);
        Assert.Contains("## Business value\n\n12,000,000 JPY/year at the base scenario", markdown);
    }

    [Fact]
    public void Missing_parts_become_caveats_on_the_card()
    {
        var content = PackageSamples.Content() with { Metrics = null, BaselineStatistics = null, DecisionPolicy = null, Card = new ModelCardText() };

        var card = ModelPackage.Open(ModelPackageWriter.Write(content, _root, _clock).Path).Card;

        Assert.Equal(3, card.Caveats.Count);
        Assert.Contains(card.Caveats, c => c.Contains("drift cannot be monitored"));
        Assert.Equal((double?)null, card.Decision.Threshold);
    }
}

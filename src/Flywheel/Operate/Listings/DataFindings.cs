using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;
using Flywheel.UseCases;

namespace Flywheel.Operate.Listings;

/// <summary>A use case's data as the Data page shows it: the profile and diagnosis <c>flywheel data diagnose</c> writes, and the fingerprint they were computed for.</summary>
public sealed record DataFindings(string UseCase, string Fingerprint, DataProfile Profile, DiagnosisReport Report, bool FromCache);

/// <summary>
/// Profiles and diagnoses a use case's data through the library (<see cref="DataAnalysis.Diagnose"/>), once per data
/// fingerprint: the SHA-256 of the data file and of the use-case file (its declared facts and thresholds change the
/// findings). A page opened again on unchanged data answers from memory.
/// </summary>
public sealed class DataFindingsCache
{
    private readonly ConcurrentDictionary<string, (DataProfile Profile, DiagnosisReport Report)> _diagnosed = new();

    public DataFindings Diagnose(UseCase useCase, UseCaseOptions? options = null, CancellationToken cancellation = default)
    {
        var source = SourceSpec.FromUseCase(useCase);
        var fingerprint = Fingerprint(source.FilePath, useCase.FilePath);
        if (_diagnosed.TryGetValue(fingerprint, out var known)) return new DataFindings(useCase.Name, fingerprint, known.Profile, known.Report, true);
        var (profile, report) = DataAnalysis.Diagnose(Path.GetDirectoryName(useCase.FilePath)!, cancellation: cancellation, useCase: options);
        _diagnosed[fingerprint] = (profile, report);
        return new DataFindings(useCase.Name, fingerprint, profile, report, false);
    }

    private static string Fingerprint(params string[] files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

using System.IO.Compression;
using System.Text;
using CsCheck;
using Recurrent.Data;
using Xunit.Abstractions;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Hostile data files against every data reader, through the path the CLI uses: step CSV, series CSV, TSV and
/// plain-text sequences, text corpora, the digits CSV, and IDX images and labels (raw and gzipped). Each mutated input
/// is read or refused with an <see cref="InvalidDataException"/> whose message is one line, within 1 s and a small
/// multiple of its size in allocations (<see cref="HostileInput"/>).
/// </summary>
public sealed class DataFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fuzz-data-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void StepCsv_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("step-csv",
        [Utf8("id,x1,x2,label\ns1,0.1,0.2,a\ns1,0.3,-4e2,a\ns2,1,2,b\n\"s 3\",\"5\",6,\"c,d\"\n"),
         Utf8("id;x;y\n1;2,5;3\n1;1;7\n")],
        path => StepCsvReader.Read(path, new StepCsvOptions
        {
            IdColumn = "id", TargetColumn = "label", TargetKind = SequenceTargetKind.Class,
        }));

    [Fact]
    public void StepCsv_StepValues_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("step-csv-values",
        [Utf8("id,x,y\na,1,2\na,3,4.5\nb,-1,1e3\n")],
        path => StepCsvReader.Read(path, new StepCsvOptions
        {
            IdColumn = "id", TargetColumn = "y", TargetKind = SequenceTargetKind.StepValues,
        }));

    [Fact]
    public void SeriesCsv_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("series-csv",
        [Utf8("label,series\nup,1 2 3\ndown,3 2.5 -1e1\n\"up\",\"4 5\"\n")],
        path => SeriesCsvReader.Read(path, new SeriesCsvOptions { SeriesColumn = "series" }));

    [Fact]
    public void SeriesCsv_StepColumns_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("series-csv-columns",
        [Utf8("label,t1,t2,t3\n0.5,1,2,3\n1.5,4,5,\n")],
        path => SeriesCsvReader.Read(path, new SeriesCsvOptions { TargetKind = SequenceTargetKind.Values }));

    [Fact]
    public void TsvLines_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("tsv",
        [Utf8("pos\tgood film\nneg\tbad, sad é 😀\n\npos\tfine\n")],
        path => TextSequenceReader.Read(path, new TextSequenceOptions()));

    [Fact]
    public void TextLines_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("text-lines",
        [Utf8("the cat\nsat on the mat\r\nñandú 😀\n")],
        path => TextSequenceReader.Read(path, new TextSequenceOptions { HasLabels = false }));

    [Fact]
    public void TextCorpora_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("corpus",
        [Utf8("\uFEFFCall me Ishmael. Some years ago — never mind how long precisely — ñ 😀\n\tHaving little money"),
         Utf8("short")],
        path => TextCorpus.Load(path).Split(0.9, 0.1));

    [Fact]
    public void DigitsCsv_MutatedFiles_AreReadOrRefusedWithATypedError() => Run("digits",
        [Utf8(string.Join(",", Enumerable.Range(0, 64).Select(i => i % 17)) + ",3\n" +
              string.Join(",", Enumerable.Range(0, 64).Select(i => (i * 7) % 17)) + ",9\n")],
        path => DigitsReader.Load(path));

    [Fact]
    public void IdxImages_MutatedFiles_AreReadOrRefusedWithATypedError()
    {
        byte[] images = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 255, 1];
        Run("idx-images", [images, Gzip(images)], path => IdxReader.ReadImages(path));
    }

    [Fact]
    public void IdxLabels_MutatedFiles_AreReadOrRefusedWithATypedError()
    {
        byte[] labels = [0, 0, 8, 1, 0, 0, 0, 3, 1, 0, 9];
        Run("idx-labels", [labels, Gzip(labels)], path => IdxReader.ReadLabels(path));
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(bytes);
        return buffer.ToArray();
    }

    private void Run(string reader, byte[][] seeds, Action<string> read)
    {
        var probe = new HostileInput(reader);
        string path = Path.Combine(_directory, reader + (reader.StartsWith("idx") ? ".idx" : ".txt"));
        var inputs = Mutations.Of(seeds);
        FuzzBudget.ForEachCase(FuzzBudget.Cases, seed => inputs.Sample(input => probe.Check(input, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            read(path);
        }), iter: 1, threads: 1, seed: seed));
        output.WriteLine(probe.Summary());
    }
}

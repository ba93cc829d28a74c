using Recurrent.Data;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Crafted data files mutation rarely reaches, each refused with an <see cref="InvalidDataException"/> within 1 s
/// and a small multiple of the file's size in allocations (<see cref="HostileInput"/>): a 1 GB line (a sparse file,
/// so the test writes almost nothing), a 1 GB text corpus, a 3 GB "safetensors" file, an IDX header claiming 10^12
/// bytes, and a gzip bomb (a few kilobytes that inflate to 64 MB behind a header declaring 6 bytes).
/// </summary>
public sealed class HostileDataFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hostile-data-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A file of <paramref name="length"/> bytes that starts with <paramref name="prefix"/> and is NUL after
    /// it, without writing the NULs.</summary>
    private string Sparse(string name, byte[] prefix, long length)
    {
        string path = Path.Combine(_directory, name);
        using var stream = new FileStream(path, FileMode.Create);
        stream.Write(prefix);
        stream.SetLength(length);
        return path;
    }

    private static void Refused(string path, Action<string> read)
    {
        // The probe's size limit is the bytes it is given; here that is the file's logical size, so check against a
        // small prefix instead: nothing of the gigabyte may be read in whole.
        new HostileInput(Path.GetFileName(path)).Check(new byte[1 << 20], _ =>
            Assert.Throws<InvalidDataException>(() => read(path)));
    }

    [Fact]
    public void AGigabyteLine_IsRefusedByEveryLineReader_WithoutBuildingIt()
    {
        string path = Sparse("long-line.csv", "id,x\n1,"u8.ToArray(), 1L << 30);
        Refused(path, p => StepCsvReader.Read(p, new StepCsvOptions { IdColumn = "id" }));
        Refused(path, p => SeriesCsvReader.Read(p, new SeriesCsvOptions { TargetColumn = null,
            TargetKind = SequenceTargetKind.None }));
        Refused(path, p => TextSequenceReader.Read(p, new TextSequenceOptions { HasLabels = false }));
        Refused(path, p => DigitsReader.Load(p));
        var e = Assert.Throws<InvalidDataException>(() =>
            StepCsvReader.Read(path, new StepCsvOptions { IdColumn = "id" }));
        Assert.Contains(":2:1: expected a line of at most", e.Message);
    }

    [Fact]
    public void AGigabyteCorpus_IsRefusedBeforeItIsRead()
    {
        string path = Sparse("huge.txt", "Call me Ishmael."u8.ToArray(), TextCorpus.MaxBytes + 1);
        Refused(path, p => TextCorpus.Load(p));
    }

    [Fact]
    public void AThreeGigabyteSafetensorsFile_IsRefusedBeforeItIsRead()
    {
        string path = Sparse("huge.safetensors", [8, 0, 0, 0, 0, 0, 0, 0, .. "{}      "u8], 3L << 30);
        Refused(path, p => SafetensorsFile.Read(p));
    }

    [Fact]
    public void AnIdxHeaderClaimingATrillionBytes_IsRefused_RawOrGzipped()
    {
        // 10,000 × 10,000 × 10,000 images of a 16-byte file.
        byte[] header = [0, 0, 8, 3, 0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 1, 2, 3, 4];
        foreach (var bytes in new[] { header, DataFuzzTests.Gzip(header) })
        {
            string path = Path.Combine(_directory, "claim.idx");
            File.WriteAllBytes(path, bytes);
            new HostileInput("idx-claim").Check(bytes, _ =>
                Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path)));
        }
    }

    [Fact]
    public void AnIdxGzipBomb_IsRefusedAfterTheBytesItDeclares()
    {
        byte[] inflated = [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, .. new byte[64 << 20]];
        byte[] bomb = DataFuzzTests.Gzip(inflated);
        string path = Path.Combine(_directory, "bomb.idx");
        File.WriteAllBytes(path, bomb);
        new HostileInput("idx-bomb").Check(bomb, _ =>
        {
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
            Assert.Contains("expected 6 data bytes", e.Message);
        });
    }
}

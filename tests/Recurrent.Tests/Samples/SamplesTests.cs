using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Onnx;
using Recurrent.Tests.Cli;
using Recurrent.Tests.Packaging;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Xunit.Abstractions;

namespace Recurrent.Tests.Samples;

/// <summary>
/// The programs in samples/ build against the packed `Recurrent` package, as a user's project would, and do what they
/// say: the solution is packed (from this run's build outputs) into a temporary feed, which with the package's
/// dependencies copied from the machine's NuGet cache is the only package source; packages restore into a temporary
/// folder, so a `Recurrent` of the same version cached from an older build is never used. Each sample runs with
/// small sizes; about a minute on 2 cores.
/// </summary>
[Trait("Category", "Samples")]
[Collection(PackingCollection.Name)]
public class SamplesTests(ITestOutputHelper output)
{
    private const string Tfm = "net10.0";

    [DotnetFact]
    public void Samples_BuildAgainstThePackage_AndLearn()
    {
        string root = DotnetProcess.RepositoryRoot();
        string temp = Directory.CreateTempSubdirectory("recurrent-samples-").FullName;
        try
        {
            string feed = Path.Combine(temp, "feed");
            DotnetProcess.Dotnet(output, root, "pack", Path.Combine(root, "Recurrent.sln"), "--no-build", "-c",
                DotnetProcess.Configuration, "-o", feed, "--disable-build-servers");
            string version = DotnetProcess.ExpectedVersion();
            CopyDependencies(Path.Combine(feed, $"Recurrent.{version}.nupkg"), feed);

            // A copy of samples/ (its own Directory.Build.props and data) whose nuget.config names that feed alone.
            string samples = Path.Combine(temp, "samples");
            CopyTree(Path.Combine(root, "samples"), samples);
            File.WriteAllText(Path.Combine(samples, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="packed" value="{feed}" />
                  </packageSources>
                </configuration>
                """);

            string classify = RunSample(samples, "ClassifySequences", version, temp);
            var accuracy = Numbers(classify, @"accuracy (\S+) baseline (\S+)");
            Assert.True(accuracy[0] > accuracy[1] + 0.25, $"accuracy {accuracy[0]} against the baseline {accuracy[1]}");
            Assert.Matches(@"sequence \S+: predicted \w+, labelled \w+", classify);

            string forecast = RunSample(samples, "Forecast", version, temp, "60");
            var rmse = Numbers(forecast, @"rmse (\S+) naive (\S+)");
            Assert.True(rmse[0] < 0.8 * rmse[1], $"RMSE {rmse[0]} against the naive forecast's {rmse[1]}");
            Assert.Matches(@"forecast for 2009: \d", forecast);

            string book = Path.Combine(root, "data", "moby-dick.txt");
            string chars = RunSample(samples, "CharModel", version, temp, book, "60");
            var loss = Numbers(chars, @"validation loss (\S+) nats/char after 60 steps");
            Assert.True(loss[0] < 3.5, $"validation loss {loss[0]} nats/char after 60 steps"); // ln 83 ≈ 4.4 at start
            Assert.Matches(@"sample: The whale .*\w{2,}", chars);

            // ONNX Runtime alone generates what `recurrent sample --argmax` generates from the same checkpoint.
            var (checkpoint, expected) = ArgmaxSample(temp, "ab c", 150);
            string step = Path.Combine(temp, "step.onnx");
            OnnxExport.SaveFile(checkpoint, step, OnnxGraphKind.Step);
            string onnx = RunSample(samples, "OnnxCharModel", version, temp, step, "ab c", "150");
            Assert.Contains(expected, onnx);
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); }
            catch (IOException e) { output.WriteLine($"left {temp}: {e.Message}"); }
        }
    }

    /// <summary>
    /// A character model whose weights are scaled up (so greedy text wanders over the vocabulary instead of settling
    /// on one character, which would prove little) saved as a checkpoint, and what `recurrent sample --argmax` prints
    /// for it.
    /// </summary>
    private static (string Checkpoint, string Text) ArgmaxSample(string temp, string prime, int length)
    {
        string[] vocabulary = ["a", "b", "c", "d", "e", "f", " ", "\n"];
        var model = new CharLanguageModel<float>(
            new CharLanguageModelConfig(CellKind.Lstm, vocabulary.Length, 12, 2, Embedding: 4), new Random(41));
        TensorPrimitives.Multiply(model.Parameters.Values, 4f, model.Parameters.Values);
        string checkpoint = Path.Combine(temp, "argmax.safetensors");
        CharLanguageModelCheckpoint.Save(model, vocabulary, checkpoint);
        var (code, text, error) = CliHarness.Run("sample", "--checkpoint", checkpoint, "--argmax", "--prime", prime,
            "--length", length.ToString(CultureInfo.InvariantCulture));
        Assert.True(code == 0, error);
        Assert.True(text[prime.Length..].Distinct().Count() >= 4, $"greedy text too uniform to prove much: {text}");
        return (checkpoint, text);
    }

    /// <summary>`dotnet run`s one sample (Release, packages restored into a folder of this test); returns its
    /// output.</summary>
    private string RunSample(string samples, string name, string version, string temp, params string[] args)
    {
        string project = Path.Combine(samples, name, name + ".csproj");
        var reference = XDocument.Load(project).Descendants("PackageReference")
            .SingleOrDefault(r => (string?)r.Attribute("Include") == "Recurrent");
        if (reference is null) // the ONNX sample needs only ONNX Runtime, already in the machine's package cache
            return DotnetProcess.Dotnet(output, samples, ["run", "-c", "Release", "--project", project,
                "--disable-build-servers", "--", .. args]);
        Assert.True((string?)reference.Attribute("Version") == version,
            $"samples/{name}/{name}.csproj references Recurrent {reference.Attribute("Version")}, but the solution " +
            $"packs {version}: update the sample");
        return DotnetProcess.Dotnet(output, samples, ["run", "-c", "Release", "--project", project,
            $"-p:RestorePackagesPath={Path.Combine(temp, "packages")}", "--disable-build-servers", "--", .. args]);
    }

    private static double[] Numbers(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"expected a line matching '{pattern}', got:\n{text}");
        return match.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Copies the packages <paramref name="package"/> depends on for net10.0, and theirs, from the global
    /// packages folder (where this solution's restore put them) into <paramref name="feed"/>.</summary>
    private static void CopyDependencies(string package, string feed)
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open());
        var ns = nuspec.Root!.Name.Namespace;
        var dependencies = nuspec.Descendants(ns + "group")
            .Where(g => (string?)g.Attribute("targetFramework") is ".NETCoreApp10.0" or Tfm)
            .Elements(ns + "dependency");
        foreach (var dependency in dependencies)
        {
            string id = ((string)dependency.Attribute("id")!).ToLowerInvariant();
            string version = ((string)dependency.Attribute("version")!).Trim('[', ']');
            string source = Path.Combine(cache, id, version, $"{id}.{version}.nupkg");
            Assert.True(File.Exists(source), $"expected the dependency {id} {version} in the NuGet cache: {source}");
            string target = Path.Combine(feed, Path.GetFileName(source));
            if (File.Exists(target)) continue;
            File.Copy(source, target);
            CopyDependencies(target, feed);
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(from))
            if (Path.GetFileName(dir) is not ("bin" or "obj")) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}

using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Recurrent.Tests.Packaging;

/// <summary>
/// Packs the solution as `dotnet pack` does for a release (from the outputs this test run already built, so nothing
/// is compiled twice and obj/ is not rebuilt under the running tests), opens the packages, then installs the tool
/// from them into a temporary folder and runs it. About 30 s on 2 cores.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackingCollection.Name)]
public class PackageTests(ITestOutputHelper output)
{
    private const string Configuration = DotnetProcess.Configuration;
    private const string Tfm = "net10.0";

    [DotnetFact]
    public void Pack_MakesTheLibraryAndTheTool_AndTheInstalledToolRuns()
    {
        string root = DotnetProcess.RepositoryRoot();
        string temp = Directory.CreateTempSubdirectory("recurrent-pack-").FullName;
        try
        {
            string packages = Path.Combine(temp, "packages");
            Dotnet(root, "pack", Path.Combine(root, "Recurrent.sln"), "--no-build", "-c", Configuration,
                "-o", packages, "--disable-build-servers");
            string version = DotnetProcess.ExpectedVersion();

            string[] made = Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).ToArray()!;
            Assert.Equal(
                new[] { $"Recurrent.{version}.nupkg", $"Recurrent.Cli.{version}.nupkg",
                    $"Recurrent.Lab.{version}.nupkg", $"Recurrent.Onnx.{version}.nupkg" },
                made.Order(StringComparer.Ordinal).ToArray());

            using (var core = ZipFile.OpenRead(Path.Combine(packages, $"Recurrent.{version}.nupkg")))
                AssertLibrary(core, "Recurrent", "Recurrent.Core", version);
            using (var lab = ZipFile.OpenRead(Path.Combine(packages, $"Recurrent.Lab.{version}.nupkg")))
            {
                var nuspec = AssertLibrary(lab, "Recurrent.Lab", "Recurrent.Lab", version);
                Assert.Contains(nuspec.Descendants(Ns(nuspec) + "dependency"),
                    d => (string?)d.Attribute("id") == "Recurrent" && (string?)d.Attribute("version") == version);
            }
            using (var onnx = ZipFile.OpenRead(Path.Combine(packages, $"Recurrent.Onnx.{version}.nupkg")))
            {
                // The protobuf dependency belongs to the export package alone; the core stays free of it.
                var nuspec = AssertLibrary(onnx, "Recurrent.Onnx", "Recurrent.Onnx", version);
                var dependencies = nuspec.Descendants(Ns(nuspec) + "dependency")
                    .Select(d => (string?)d.Attribute("id")).ToArray();
                Assert.Contains("Recurrent", dependencies);
                Assert.Contains("Google.Protobuf", dependencies);
            }
            using (var tool = ZipFile.OpenRead(Path.Combine(packages, $"Recurrent.Cli.{version}.nupkg")))
            {
                var nuspec = Nuspec(tool, "Recurrent.Cli", version);
                Assert.Contains(nuspec.Descendants(Ns(nuspec) + "packageType"),
                    t => (string?)t.Attribute("name") == "DotnetTool");
                string dir = $"tools/{Tfm}/any/";
                AssertHas(tool, dir + "recurrent.dll", dir + "Recurrent.Core.dll", dir + "Recurrent.Lab.dll",
                    dir + "Recurrent.Onnx.dll", dir + "Google.Protobuf.dll",
                    "README.md", "LICENSE");
                var settings = XDocument.Load(Entry(tool, dir + "DotnetToolSettings.xml").Open());
                Assert.Equal("recurrent", (string?)settings.Descendants("Command").Single().Attribute("Name"));
                // The default `recurrent train` reads the bundled book; the tool carries it byte for byte.
                string book = Path.Combine(root, "data", "moby-dick.txt");
                Assert.Equal(new FileInfo(book).Length, Entry(tool, dir + "data/moby-dick.txt").Length);
                AssertHas(tool, dir + "data/digits.csv.gz", dir + "data/fashion-mnist-1k-images-idx3-ubyte.gz");
            }

            // Install from that folder only (no other feed, so no network) and run the tool from outside the
            // repository, so that it can only find its data beside itself.
            string config = Path.Combine(temp, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="packed" value="{packages}" />
                  </packageSources>
                </configuration>
                """);
            string tools = Path.Combine(temp, "tools");
            Dotnet(temp, "tool", "install", "Recurrent.Cli", "--version", version, "--tool-path", tools,
                "--configfile", config);
            string recurrent = Path.Combine(tools, OperatingSystem.IsWindows() ? "recurrent.exe" : "recurrent");
            string help = Run(temp, recurrent, "--help");
            Assert.Contains("train", help);
            string trained = Run(temp, recurrent, "train", "--max-steps", "2", "--hidden", "16", "--layers", "1",
                "--out", Path.Combine(temp, "run"));
            Assert.Contains("moby-dick.txt", File.ReadAllText(Path.Combine(temp, "run", "curve.svg")));
            Assert.Contains("done (reached 2 steps)", trained);
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); }
            catch (IOException e) { output.WriteLine($"left {temp}: {e.Message}"); }
        }
    }

    private static XDocument AssertLibrary(ZipArchive package, string id, string assembly, string version)
    {
        var nuspec = Nuspec(package, id, version);
        AssertHas(package, $"lib/{Tfm}/{assembly}.dll", $"lib/{Tfm}/{assembly}.xml", "README.md", "LICENSE");
        var ns = Ns(nuspec);
        var license = nuspec.Descendants(ns + "license").Single();
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", nuspec.Descendants(ns + "readme").Single().Value);
        Assert.False(string.IsNullOrWhiteSpace(nuspec.Descendants(ns + "description").Single().Value));
        return nuspec;
    }

    private static XDocument Nuspec(ZipArchive package, string id, string version)
    {
        var nuspec = XDocument.Load(Entry(package, id + ".nuspec").Open());
        var ns = Ns(nuspec);
        Assert.Equal(id, nuspec.Descendants(ns + "id").Single().Value);
        Assert.Equal(version, nuspec.Descendants(ns + "version").Single().Value);
        Assert.Contains("The Recurrent authors", nuspec.Descendants(ns + "authors").Single().Value);
        return nuspec;
    }

    private static XNamespace Ns(XDocument nuspec) => nuspec.Root!.Name.Namespace;

    private static ZipArchiveEntry Entry(ZipArchive package, string path) =>
        package.GetEntry(path) ?? throw new Xunit.Sdk.XunitException(
            $"expected {path} in the package; it holds: {string.Join(", ", package.Entries.Select(e => e.FullName))}");

    private static void AssertHas(ZipArchive package, params string[] paths)
    {
        foreach (string path in paths) Entry(package, path);
    }

    private void Dotnet(string workingDirectory, params string[] args) =>
        DotnetProcess.Dotnet(output, workingDirectory, args);

    private string Run(string workingDirectory, string program, params string[] args) =>
        DotnetProcess.Run(output, workingDirectory, program, args);
}

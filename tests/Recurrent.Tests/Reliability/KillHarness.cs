using System.Diagnostics;
using Recurrent.Parameters.Serialization;
using Recurrent.Sequences;
using Recurrent.Tests.Packaging;
using Recurrent.Training;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Runs a `recurrent` training command as a child process and SIGKILLs it at random moments (seeded): during start-up,
/// a step, an evaluation, a checkpoint write. After each kill every checkpoint present must load; the next start
/// passes the resume option when a checkpoint exists (a fresh start otherwise), until <see cref="Kills"/> kills are
/// spent and the run finishes. <see cref="Run"/> returns the folder the run finished in.
/// </summary>
internal sealed class KillHarness(string directory, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Kills done, and kills after which a checkpoint pair was present.</summary>
    public int Kills { get; private set; }

    /// <summary>Kills after which at least one checkpoint was on disk (the others hit start-up).</summary>
    public int KillsWithCheckpoints { get; private set; }

    /// <summary>Kills that cut a checkpoint save short: an atomic write's temporary file, or weights waiting under
    /// their pending name for the state, was on disk after the kill.</summary>
    public int KillsDuringWrites { get; private set; }

    /// <summary>Whether the run that finished was a resume (else a fresh start: every kill hit start-up).</summary>
    public bool FinalRunResumed { get; private set; }

    /// <summary>How long the command runs uninterrupted (start-up included), measured by
    /// <see cref="RunToEnd"/>.</summary>
    public TimeSpan Uninterrupted { get; private set; }

    /// <summary>Runs <paramref name="arguments"/> to the end (the reference run) and times it.</summary>
    public void RunToEnd(IReadOnlyList<string> arguments)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(arguments);
        process.WaitForExit();
        Uninterrupted = clock.Elapsed;
        Assert.True(process.ExitCode == 0, $"the uninterrupted run exited with {process.ExitCode}: {LastError()}");
    }

    /// <summary>Starts <paramref name="fresh"/> (or <paramref name="resume"/> once <paramref name="hasCheckpoint"/>
    /// says so) and kills it <paramref name="kills"/> times at moments uniform over the uninterrupted run's length,
    /// then lets it finish.</summary>
    public void RunWithKills(int kills, Func<IReadOnlyList<string>> fresh, Func<IReadOnlyList<string>> resume,
        Func<bool> hasCheckpoint)
    {
        while (true)
        {
            var unfinished = UnfinishedWrites();
            bool resuming = hasCheckpoint();
            using var process = Start(resuming ? resume() : fresh());
            if (Kills >= kills)
            {
                FinalRunResumed = resuming;
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"the final run exited with {process.ExitCode}: {LastError()}");
                return;
            }
            int delay = _random.Next(50, (int)Uninterrupted.TotalMilliseconds + 1);
            if (process.WaitForExit(delay))
            {
                // Finished before the kill (runs vary in speed): start the whole run again, so every kill still lands
                // in a run that must then resume to the reference.
                Assert.True(process.ExitCode == 0,
                    $"a run exited with {process.ExitCode} after {Kills} kills: {LastError()}");
                Directory.Delete(directory, recursive: true);
                continue;
            }
            process.Kill(entireProcessTree: true); // SIGKILL on Unix: no finally blocks, no flush
            process.WaitForExit();
            Kills++;
            if (CheckEveryCheckpointLoads()) KillsWithCheckpoints++;
            if (UnfinishedWrites().Except(unfinished).Any()) KillsDuringWrites++;
        }
    }

    /// <summary>Temporary files of atomic writes and pending weights in the run's folder, each with its time of last
    /// write (a file of the same name written again is another unfinished write).</summary>
    public HashSet<(string, DateTime)> UnfinishedWrites() => !Directory.Exists(directory) ? []
        : [.. Directory.GetFiles(directory, ".*.tmp").Concat(Directory.GetFiles(directory, "*.pending.safetensors"))
            .Select(path => (path, File.GetLastWriteTimeUtc(path)))];

    /// <summary>Every checkpoint file present loads: model files as models, the state as a training state. Returns
    /// whether any was present.</summary>
    private bool CheckEveryCheckpointLoads()
    {
        bool any = false;
        if (!Directory.Exists(directory)) return false; // killed before the command made its output folder
        foreach (string path in Directory.GetFiles(directory, "*.safetensors"))
        {
            string name = Path.GetFileName(path);
            any = true;
            if (name.EndsWith(".state.safetensors", StringComparison.Ordinal)) _ = TrainingState.Load(path).TensorNames;
            else _ = SequenceModel.Load(path);
        }
        return any;
    }

    /// <summary>What the child processes wrote to standard error, for the failure message.</summary>
    private static readonly List<string> Errors = [];

    private static string LastError()
    {
        lock (Errors) return Errors.Count == 0 ? "(nothing on stderr)" : string.Join(" | ", Errors.TakeLast(3));
    }

    private static Process Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetFactAttribute.Dotnet!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "recurrent.dll"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (Errors) Errors.Add(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The tensors of two safetensors files, compared bit for bit; the first difference, or null.</summary>
    public static string? WeightsDiffer(string expectedPath, string actualPath)
    {
        var expected = SafetensorsFile.Read(expectedPath);
        var actual = SafetensorsFile.Read(actualPath);
        foreach (var tensor in expected.Tensors)
        {
            if (!actual.TryGet(tensor.Name, out var other)) return $"{tensor.Name} is missing";
            if (!tensor.Data.Span.SequenceEqual(other.Data.Span)) return $"{tensor.Name} differs";
        }
        return expected.Tensors.Count == actual.Tensors.Count ? null : "the tensor counts differ";
    }
}

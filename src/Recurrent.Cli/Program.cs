using System.CommandLine;

namespace Recurrent.Cli;

/// <summary>Entry point: builds the command tree; each command lives in its own file.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Recurrent: recurrent neural networks trained by backpropagation through time.");
        return root.Parse(args).Invoke();
    }
}

using System.Runtime.InteropServices;

namespace Recurrent.Distributed;

/// <summary>
/// The few entry points of Open MPI's <c>libmpi</c> that data-parallel training needs, resolved at run time: the
/// library is opened on the first <see cref="Load"/> (never by the single-process path) and every function and
/// handle is looked up by name. Open MPI's handles are the addresses of exported globals (<c>MPI_COMM_WORLD</c> is
/// <c>&amp;ompi_mpi_comm_world</c>, <c>MPI_FLOAT</c> is <c>&amp;ompi_mpi_float</c>, <c>MPI_SUM</c> is
/// <c>&amp;ompi_mpi_op_sum</c>), so the symbol's address is the handle; <c>MPI_IN_PLACE</c> is the constant 1.
/// </summary>
/// <remarks>
/// Open MPI 4 loads its transport components as plugins that take their symbols from libmpi, so libmpi must be
/// opened with RTLD_GLOBAL (as mpi4py does); <see cref="NativeLibrary.Load(string)"/> opens libraries RTLD_LOCAL,
/// hence the direct dlopen. Every call returns MPI_SUCCESS (0) or, under the default MPI_ERRORS_ARE_FATAL handler,
/// does not return at all; <see cref="Check"/> turns any other code into an exception all the same.
/// </remarks>
internal sealed unsafe class MpiLibrary
{
    private const int RtldNow = 2, RtldGlobal = 0x100;
    private static readonly string[] Candidates = ["libmpi.so.40", "libmpi.so"];
    private static MpiLibrary? _loaded;
    private static readonly Lock Gate = new();

    /// <summary>Open MPI's MPI_IN_PLACE: <c>(void *) 1</c>.</summary>
    public static readonly nint InPlace = 1;

    private MpiLibrary(nint handle)
    {
        nint F(string name) => NativeLibrary.GetExport(handle, name);
        Init = (delegate* unmanaged<int*, nint*, int>)F("MPI_Init");
        Initialized = (delegate* unmanaged<int*, int>)F("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)F("MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)F("MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)F("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)F("MPI_Comm_size");
        Allreduce = (delegate* unmanaged<nint, void*, int, nint, nint, nint, int>)F("MPI_Allreduce");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)F("MPI_Bcast");
        Barrier = (delegate* unmanaged<nint, int>)F("MPI_Barrier");
        Abort = (delegate* unmanaged<nint, int, int>)F("MPI_Abort");
        CommWorld = F("ompi_mpi_comm_world");
        Float = F("ompi_mpi_float");
        Double = F("ompi_mpi_double");
        Byte = F("ompi_mpi_byte");
        Sum = F("ompi_mpi_op_sum");
    }

    public readonly delegate* unmanaged<int*, nint*, int> Init;
    public readonly delegate* unmanaged<int*, int> Initialized, Finalized;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int*, int> CommRank, CommSize;
    public readonly delegate* unmanaged<nint, void*, int, nint, nint, nint, int> Allreduce;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, int> Bcast;
    public readonly delegate* unmanaged<nint, int> Barrier;
    public readonly delegate* unmanaged<nint, int, int> Abort;

    /// <summary>MPI_COMM_WORLD, MPI_FLOAT, MPI_DOUBLE, MPI_BYTE, MPI_SUM.</summary>
    public readonly nint CommWorld, Float, Double, Byte, Sum;

    /// <summary>Opens libmpi (once per process) and resolves the entry points.</summary>
    /// <exception cref="DllNotFoundException">No Open MPI library, or one without Open MPI's symbols.</exception>
    public static MpiLibrary Load()
    {
        lock (Gate)
        {
            if (_loaded is not null) return _loaded;
            nint handle = 0;
            foreach (var name in Candidates)
                if ((handle = DlOpen(name, RtldNow | RtldGlobal)) != 0) break;
            if (handle == 0)
                throw new DllNotFoundException("cannot load Open MPI's libmpi (libmpi.so.40): install Open MPI " +
                    "(Debian: apt-get install openmpi-bin libopenmpi-dev)");
            try
            {
                return _loaded = new MpiLibrary(handle);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new DllNotFoundException($"the libmpi found is not Open MPI's (MPICH and MS-MPI use other " +
                    $"handles): {e.Message}", e);
            }
        }
    }

    /// <summary>Throws when an MPI call returned an error code.</summary>
    public static void Check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"{call} failed with MPI error code {code}");
    }

    [DllImport("libdl.so.2", EntryPoint = "dlopen")]
    private static extern nint DlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);
}

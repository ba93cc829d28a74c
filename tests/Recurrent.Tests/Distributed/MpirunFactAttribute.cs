namespace Recurrent.Tests.Distributed;

/// <summary>A test that starts processes under Open MPI's <c>mpirun</c>; skipped, saying why, when mpirun or libmpi is
/// missing (Debian: apt-get install openmpi-bin libopenmpi-dev; .ci/run installs them).</summary>
public sealed class MpirunFactAttribute : FactAttribute
{
    public MpirunFactAttribute()
    {
        if (MpiRun.Mpirun is null)
            Skip = "no `mpirun` on PATH: distributed training needs Open MPI (apt-get install openmpi-bin " +
                "libopenmpi-dev)";
        else if (!MpiRun.LibraryPresent)
            Skip = "`mpirun` found but no libmpi.so.40: install libopenmpi-dev / openmpi-bin";
        else if (Packaging.DotnetFactAttribute.Dotnet is null)
            Skip = "no `dotnet` on PATH to start the ranks with";
    }
}

using Recurrent.Layers.Recurrent;

namespace Recurrent.Tests.Layers.Recurrent;

public sealed class CellKindsTests
{
    [Fact]
    public void NameAndTryParse_RoundTripEveryKind()
    {
        Assert.Equal(Enum.GetValues<CellKind>(), CellKinds.All.Order());
        foreach (var kind in CellKinds.All)
        {
            Assert.True(CellKinds.TryParse(CellKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(["rnn", "lstm", "gru"], CellKinds.All.Select(CellKinds.Name));
    }

    [Theory]
    [InlineData("LSTM")]
    [InlineData("peephole")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RefusesAnythingButTheLowerCaseNames(string? name) =>
        Assert.False(CellKinds.TryParse(name, out _));

    [Fact]
    public void Name_RefusesAnUndefinedKind() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CellKinds.Name((CellKind)7));
}

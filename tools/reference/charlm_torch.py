"""The PyTorch module whose state_dict names a Recurrent character language model's checkpoint (recurrent-charlm/1):

    embed = nn.Embedding(V, E)                       only when E > 0; otherwise step t feeds onehot(i_t) (V wide)
    rnn   = nn.LSTM | nn.GRU | nn.RNN(E or V, H, num_layers=L, dropout=p)    (time-major, batch_first=False)
    head  = nn.Linear(H, V)

so names are embed.weight, rnn.weight_ih_l0, rnn.bias_hh_l1, head.weight, head.bias, ...
Shared by charlm_fixture.py and charlm_eval.py.
"""
import torch
import torch.nn.functional as F


class CharLM(torch.nn.Module):
    def __init__(self, model, vocab_size, hidden, layers, embedding=0, dropout=0.0):
        super().__init__()
        self.vocab_size = vocab_size
        self.embedding = embedding
        if embedding > 0:
            self.embed = torch.nn.Embedding(vocab_size, embedding)
        size = embedding if embedding > 0 else vocab_size
        cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[model]
        self.rnn = cls(size, hidden, num_layers=layers, dropout=dropout)
        self.head = torch.nn.Linear(hidden, vocab_size)

    def forward(self, inputs, state=None):
        """inputs (T, B) int64 → logits (T, B, V), final state (h_n or (h_n, c_n), each (L, B, H))."""
        if self.embedding > 0:
            x = self.embed(inputs)
        else:
            x = F.one_hot(inputs, self.vocab_size).to(self.head.weight.dtype)
        y, state = self.rnn(x, state)
        return self.head(y), state


def from_config(config):
    """Builds the module from a recurrent-charlm/1 config dict; refuses what torch cannot compute."""
    if config.get("peephole"):
        raise SystemExit("this checkpoint is a peephole LSTM: torch.nn.LSTM has no peepholes "
                         "(rnn.weight_ci/cf/co_l*), so PyTorch cannot compute this model")
    if config["model"] == "gru" and config.get("gru_form", "pytorch") != "pytorch":
        raise SystemExit(f"gru_form '{config['gru_form']}' is the reset-before-product GRU "
                         "(docs/equations.md#gru), which torch.nn.GRU does not compute")
    return CharLM(config["model"], config["vocab_size"], config["hidden"], config["layers"],
                  config.get("embedding", 0), config.get("dropout", 0.0))

#!/usr/bin/env python3
"""Reference runs of the character language model (charlm_torch.CharLM) for CharLanguageModelTorchAgreementTests.

Two models, both LSTM, V = 5, H = 4, L = 2, T = 4, B = 2, float64, default PyTorch initialisation under a fixed seed:
    onehot.safetensors    E = 0: step t feeds the one-hot vector of inputs[t, b]
    embedding.safetensors E = 3: embed = nn.Embedding(5, 3)

    logits, (h_n, c_n) = model(inputs, (h0, c0))
    loss = Σ_{t,b} mask[t,b] · cross_entropy(logits[t,b], targets[t,b]) / Σ mask      (mean NLL over counted rows)
    loss.backward()

Tensors (F64 except inputs/targets, I64): the state_dict (embed.weight, rnn.weight_ih_l0 ... rnn.bias_hh_l1, head.weight,
head.bias); inputs (T, B); targets (T, B); mask (T, B) with one zero; h0, c0, h_n, c_n (L, B, H); logits (T, B, V);
loss (); grad.<name> for every parameter. Time-major.

Run by hand:  /usr/bin/python3 tools/reference/charlm_fixture.py
"""
import os

import torch
import torch.nn.functional as F

from charlm_torch import CharLM
from safetensors_io import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Recurrent.Tests", "Fixtures", "charlm")
V, H, L, T, B = 5, 4, 2, 4, 2
MODELS = {"onehot": (0, 201), "embedding": (3, 202)}


def run(name):
    embedding, seed = MODELS[name]
    torch.manual_seed(seed)
    model = CharLM("lstm", V, H, L, embedding).double()
    inputs = torch.randint(0, V, (T, B), dtype=torch.int64)
    targets = torch.randint(0, V, (T, B), dtype=torch.int64)
    mask = torch.ones(T, B, dtype=torch.float64)
    mask[2, 1] = 0.0
    h0 = torch.randn(L, B, H, dtype=torch.float64)
    c0 = torch.randn(L, B, H, dtype=torch.float64)
    logits, (h_n, c_n) = model(inputs, (h0, c0))
    nll = F.cross_entropy(logits.reshape(T * B, V), targets.reshape(T * B), reduction="none")
    loss = (nll * mask.reshape(-1)).sum() / mask.sum()
    loss.backward()

    tensors = {n: p.detach().clone() for n, p in model.named_parameters()}
    tensors.update(inputs=inputs, targets=targets, mask=mask, h0=h0, c0=c0, logits=logits.detach(),
                   h_n=h_n.detach(), c_n=c_n.detach(), loss=loss.detach().reshape(()))
    tensors.update({"grad." + n: p.grad.detach().clone() for n, p in model.named_parameters()})
    metadata = {
        "model": f"CharLM('lstm', V={V}, H={H}, L={L}, E={embedding}).double() (tools/reference/charlm_torch.py)",
        "sizes": f"T={T} B={B} V={V} H={H} L={L} E={embedding}",
        "loss": "sum(mask * cross_entropy(logits, targets, reduction='none')) / sum(mask)",
        "layout": "time-major: inputs, targets, mask (T, B); logits (T, B, V); h0, c0, h_n, c_n (L, B, H)",
        "dtype": "float64 (inputs, targets int64)",
        "seed": str(seed),
        "torch": torch.__version__,
        "script": "tools/reference/charlm_fixture.py",
    }
    os.makedirs(OUT, exist_ok=True)
    save_file(tensors, os.path.join(OUT, name + ".safetensors"), metadata)
    return loss.item()


if __name__ == "__main__":
    for name in MODELS:
        print(name, "loss", run(name))

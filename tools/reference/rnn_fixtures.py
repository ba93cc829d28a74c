#!/usr/bin/env python3
"""Reference runs of torch.nn.RNN (tanh), LSTM and GRU for the recurrent layers' agreement tests.

Each model: input_size I = 3, hidden_size H = 4, num_layers L = 2, bidirectional (D = 2), batch B = 3, T = 5 steps,
lengths [5, 3, 2] (a masked batch: pack_padded_sequence with enforce_sorted=False), float64 throughout, default
PyTorch initialisation under a fixed seed. Padded input steps hold 7.0, which must not affect anything.

    output, (h_n[, c_n]) = model(pack(input, lengths), h0[, c0]);  output = pad_packed(…, total_length=T)
    loss = Σ_{t,b,k} output[t,b,k]·R[t,b,k] + Σ h_n·Rh (+ Σ c_n·Rc for the LSTM)

R is zero at padded steps (t ≥ lengths[b]), so the sum over all steps is the sum over real steps, and every real
output and every final state receives a known upstream gradient (R, Rh, Rc). loss.backward() gives the gradients.

One safetensors file per model, tests/Recurrent.Tests/Fixtures/rnn/{rnn,lstm,gru}.safetensors, all F64 except
`lengths` (I64):
    <state_dict names>          weight_ih_l{k}[_reverse] (G·H, in), weight_hh_l{k}[_reverse] (G·H, H),
                                bias_ih_l{k}[_reverse] (G·H), bias_hh_l{k}[_reverse] (G·H); G = 1 | 4 (i|f|g|o) | 3 (r|z|n);
                                in = I for layer 0, D·H above
    input (T, B, I)  lengths (B)  h0 (L·D, B, H)  output (T, B, D·H)  h_n (L·D, B, H)  R (T, B, D·H)  Rh (L·D, B, H)
    loss ()  grad.<param> for every parameter  grad.input (T, B, I)  grad.h0 (L·D, B, H)
    LSTM only: c0, c_n, Rc, grad.c0 (L·D, B, H)
Layout is time-major; h0/h_n index layer·D + direction (0 forward, 1 reverse), as PyTorch's.

Run by hand:  python3 tools/reference/rnn_fixtures.py
"""
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from safetensors_io import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Recurrent.Tests", "Fixtures", "rnn")
I, H, L, D, B, T = 3, 4, 2, 2, 3, 5
LENGTHS = [5, 3, 2]
PAD = 7.0
SEEDS = {"rnn": 101, "lstm": 102, "gru": 103}


def build(kind):
    if kind == "rnn":
        return torch.nn.RNN(I, H, num_layers=L, bidirectional=True, nonlinearity="tanh")
    if kind == "lstm":
        return torch.nn.LSTM(I, H, num_layers=L, bidirectional=True)
    return torch.nn.GRU(I, H, num_layers=L, bidirectional=True)


def run(kind):
    torch.manual_seed(SEEDS[kind])
    model = build(kind).double()
    lengths = torch.tensor(LENGTHS, dtype=torch.int64)
    mask = (torch.arange(T)[:, None] < lengths[None, :]).to(torch.float64)  # (T, B)

    x = torch.randn(T, B, I, dtype=torch.float64)
    x = torch.where(mask[:, :, None] > 0, x, torch.full_like(x, PAD)).requires_grad_()
    h0 = torch.randn(L * D, B, H, dtype=torch.float64, requires_grad=True)
    c0 = torch.randn(L * D, B, H, dtype=torch.float64, requires_grad=True) if kind == "lstm" else None
    R = torch.randn(T, B, D * H, dtype=torch.float64) * mask[:, :, None]
    Rh = torch.randn(L * D, B, H, dtype=torch.float64)
    Rc = torch.randn(L * D, B, H, dtype=torch.float64) if kind == "lstm" else None

    packed = pack_padded_sequence(x, lengths, enforce_sorted=False)
    out, state = model(packed, (h0, c0) if kind == "lstm" else h0)
    output, _ = pad_packed_sequence(out, total_length=T)
    h_n, c_n = state if kind == "lstm" else (state, None)
    loss = (output * R).sum() + (h_n * Rh).sum() + ((c_n * Rc).sum() if kind == "lstm" else 0.0)
    loss.backward()

    tensors = {name: p.detach().clone() for name, p in model.named_parameters()}
    tensors.update(input=x.detach(), lengths=lengths, h0=h0.detach())
    if kind == "lstm":
        tensors["c0"] = c0.detach()
    tensors.update(output=output.detach(), h_n=h_n.detach())
    if kind == "lstm":
        tensors["c_n"] = c_n.detach()
    tensors.update(R=R, Rh=Rh)
    if kind == "lstm":
        tensors["Rc"] = Rc
    tensors["loss"] = loss.detach().reshape(())
    tensors.update({"grad." + name: p.grad.detach().clone() for name, p in model.named_parameters()})
    tensors.update({"grad.input": x.grad.detach(), "grad.h0": h0.grad.detach()})
    if kind == "lstm":
        tensors["grad.c0"] = c0.grad.detach()

    gates = {"rnn": "1 gate (tanh)", "lstm": "4 gates i|f|g|o", "gru": "3 gates r|z|n"}[kind]
    metadata = {
        "model": f"torch.nn.{ {'rnn': 'RNN', 'lstm': 'LSTM', 'gru': 'GRU'}[kind] }(input_size={I}, hidden_size={H}, "
                 f"num_layers={L}, bidirectional=True" + (", nonlinearity='tanh'" if kind == "rnn" else "") + ").double()",
        "gates": gates + " stacked along the rows of weight_* and bias_*",
        "sizes": f"T={T} B={B} I={I} H={H} L={L} D={D}",
        "shapes": "input (T, B, I); lengths (B) int64; h0, h_n, Rh" + (", c0, c_n, Rc" if kind == "lstm" else "")
                  + " (L*D, B, H); output, R (T, B, D*H); loss (); grad.<name> as <name>; "
                  "weight_ih_l0* (G*H, I), weight_ih_l1* (G*H, D*H), weight_hh_l* (G*H, H), bias_* (G*H), "
                  f"G={ {'rnn': 1, 'lstm': 4, 'gru': 3}[kind] }",
        "layout": "time-major: input (T, B, I), output (T, B, D*H) with forward then reverse halves; "
                  "h0/h_n/c0/c_n (L*D, B, H) indexed layer*D + direction",
        "mask": f"lengths={LENGTHS}; steps t >= lengths[b] are padding: input holds {PAD} there, output is zero, "
                "R is zero, grad.input is zero",
        "packing": "pack_padded_sequence(input, lengths, enforce_sorted=False), pad_packed_sequence(total_length=T)",
        "loss": "sum(output*R) + sum(h_n*Rh)" + (" + sum(c_n*Rc)" if kind == "lstm" else ""),
        "dtype": "float64 (lengths int64)",
        "seed": str(SEEDS[kind]),
        "torch": torch.__version__,
        "script": "tools/reference/rnn_fixtures.py",
    }
    os.makedirs(OUT, exist_ok=True)
    save_file(tensors, os.path.join(OUT, kind + ".safetensors"), metadata)
    return loss.item()


if __name__ == "__main__":
    for kind in ("rnn", "lstm", "gru"):
        print(kind, "loss", run(kind))

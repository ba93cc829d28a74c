#!/usr/bin/env python3
"""Reference run of an encoder + Bahdanau-attention decoder in PyTorch for Seq2SeqTorchAgreementTests.

The model is Recurrent.Seq2Seq.Seq2SeqNetwork written with torch.nn modules under the same state_dict names:
  encoder.embedding (Vs, E) -> encoder.rnn: nn.LSTM(E, He, bidirectional) over the packed sources;
  bridge: s_l = [h_n(l, fwd); h_n(l, rev)] (2He), h0 = bridge.hidden(s), c0 = bridge.cell(s) (nn.Linear 2He -> Hd);
  decoder.embedding (Vt, E) -> decoder.rnn: nn.LSTM(E, Hd) over the packed decoder inputs from (h0, c0) -> q;
  e_tbs = v . tanh(W_q q_tb + U k_sb) (decoder.attention.query.weight, .key.weight, .v), masked softmax over
  s < L_b, c_tb = sum_s a_tbs k_sb; h~ = tanh(decoder.combine([c; q])); z = decoder.out(h~), rows t*B + b.
loss = sum z * R over every row (padded decoder rows too: their q is 0, but they still reach the attention, combine
and output weights). Sizes: Vs = 7, Vt = 8, E = 3, He = 3, Hd = 5, A = 4, B = 3, sources of lengths [4, 2, 3],
decoder inputs of lengths [3, 5, 1]. float64 throughout, PyTorch's default initialisation under seed 161
(embeddings N(0, 1); the attention's v U(-1/sqrt(A), 1/sqrt(A)) as Recurrent initialises it).

Writes tests/Recurrent.Tests/Fixtures/seq2seq/bahdanau_lstm.safetensors (F64 except the I64 token tensors):
  <state_dict names>, source (Ts*B), source_lengths (B), decoder_inputs (Td*B), target_lengths (B), R (Td*B, Vt),
  logits (Td*B, Vt), loss (), grad.<param> for every parameter.

Run by hand:  /usr/bin/python3 tools/reference/seq2seq_fixture.py
"""
import math
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from safetensors_io import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Recurrent.Tests", "Fixtures", "seq2seq")
VS, VT, E, HE, HD, A = 7, 8, 3, 3, 5, 4
SOURCES = [[4, 5, 6, 4], [6, 5], [5, 4, 4]]
DECODER_INPUTS = [[1, 4, 7], [1, 5, 6, 7, 4], [1]]  # <s> then the target


class Seq2Seq(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.Module()
        self.encoder.embedding = torch.nn.Embedding(VS, E)
        self.encoder.rnn = torch.nn.LSTM(E, HE, bidirectional=True)
        self.bridge = torch.nn.Module()
        self.bridge.hidden = torch.nn.Linear(2 * HE, HD)
        self.bridge.cell = torch.nn.Linear(2 * HE, HD)
        self.decoder = torch.nn.Module()
        self.decoder.embedding = torch.nn.Embedding(VT, E)
        self.decoder.rnn = torch.nn.LSTM(E, HD)
        self.decoder.attention = torch.nn.Module()
        self.decoder.attention.query = torch.nn.Linear(HD, A, bias=False)
        self.decoder.attention.key = torch.nn.Linear(2 * HE, A, bias=False)
        bound = 1 / math.sqrt(A)
        self.decoder.attention.v = torch.nn.Parameter(torch.empty(A).uniform_(-bound, bound))
        self.decoder.combine = torch.nn.Linear(2 * HE + HD, HD)
        self.decoder.out = torch.nn.Linear(HD, VT)

    def forward(self, source, source_lengths, inputs, target_lengths):
        ts, b = source.shape
        td = inputs.shape[0]
        packed = pack_padded_sequence(self.encoder.embedding(source), source_lengths, enforce_sorted=False)
        keys, (h_n, c_n) = self.encoder.rnn(packed)
        keys, _ = pad_packed_sequence(keys, total_length=ts)                       # (Ts, B, 2He)
        h0 = self.bridge.hidden(torch.cat([h_n[0], h_n[1]], dim=1)).unsqueeze(0)  # (1, B, Hd)
        c0 = self.bridge.cell(torch.cat([c_n[0], c_n[1]], dim=1)).unsqueeze(0)
        packed = pack_padded_sequence(self.decoder.embedding(inputs), target_lengths, enforce_sorted=False)
        q, _ = self.decoder.rnn(packed, (h0, c0))
        q, _ = pad_packed_sequence(q, total_length=td)                             # (Td, B, Hd)
        wq = self.decoder.attention.query(q)                                       # (Td, B, A)
        uk = self.decoder.attention.key(keys)                                      # (Ts, B, A)
        z = torch.tanh(wq.unsqueeze(2) + uk.permute(1, 0, 2).unsqueeze(0))         # (Td, B, Ts, A)
        e = z @ self.decoder.attention.v                                           # (Td, B, Ts)
        mask = torch.arange(ts).unsqueeze(0) < source_lengths.unsqueeze(1)         # (B, Ts)
        e = e.masked_fill(~mask.unsqueeze(0), float("-inf"))
        a = torch.softmax(e, dim=2)
        context = torch.einsum("tbs,sbk->tbk", a, keys)                            # (Td, B, 2He)
        h = torch.tanh(self.decoder.combine(torch.cat([context, q], dim=2)))
        return self.decoder.out(h).reshape(td * b, VT)


def time_major(rows):
    steps = max(len(r) for r in rows)
    out = torch.zeros(steps, len(rows), dtype=torch.long)
    for b, r in enumerate(rows):
        out[: len(r), b] = torch.tensor(r)
    return out


def main():
    torch.manual_seed(161)
    torch.set_default_dtype(torch.float64)
    model = Seq2Seq()
    source, inputs = time_major(SOURCES), time_major(DECODER_INPUTS)
    source_lengths = torch.tensor([len(s) for s in SOURCES])
    target_lengths = torch.tensor([len(s) for s in DECODER_INPUTS])
    logits = model(source, source_lengths, inputs, target_lengths)
    r = torch.randn(logits.shape)
    loss = (logits * r).sum()
    loss.backward()
    tensors = {name: p.detach() for name, p in model.named_parameters()}
    tensors.update({"grad." + name: p.grad for name, p in model.named_parameters()})
    tensors.update({"source": source.reshape(-1), "source_lengths": source_lengths,
                    "decoder_inputs": inputs.reshape(-1), "target_lengths": target_lengths,
                    "R": r, "logits": logits.detach(), "loss": loss.detach()})
    os.makedirs(OUT, exist_ok=True)
    save_file(tensors, os.path.join(OUT, "bahdanau_lstm.safetensors"))
    print(f"loss {loss.item():.12f}, {len(tensors)} tensors")


if __name__ == "__main__":
    main()

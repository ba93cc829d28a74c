#!/usr/bin/env python3
"""PyTorch's word_language_model recipe (pytorch/examples, word_language_model/main.py and model.py) on the same
tokens as `recurrent train --tokens words`, the side-by-side reference of `--recipe pytorch-word-lm`:

    embedding 200 -> dropout -> LSTM 2x200 (dropout between layers) -> dropout -> Linear(200, V)   [tied: decoder
    weight = encoder weight]; encoder/decoder U(-0.1, 0.1), decoder bias 0; B = 20 streams, BPTT 35, plain SGD
    lr 20 divided by 4 whenever the end-of-epoch validation loss is not a new best, grad norm clipped at 0.25,
    evaluation with batch size 10 (as the example) and as one stream (as `recurrent eval`).

Tokens follow Recurrent's WordTokenizer: per line, a word is a run of letters and digits, every other non-space
character is a token, and the line ends with <eos>; the vocabulary is <unk>, <eos>, then every training token seen
at least --min-count times in order of first appearance. (Python's \\w differs from .NET's letter/digit test only on
combining marks and a few symbols, which the State of the Union text does not use.)

Usage: word_lm.py TRAIN VALID TEST [--min-count N] [--lowercase] [--tied] [--epochs 6] [--device cuda|cpu]
       [--seed 1] [--json OUT]
Prints one line per epoch and, with --json, writes {"vocab", "epochs": [...], "test_loss", "test_ppl",
"test_loss_one_stream", "test_ppl_one_stream", "seconds_per_epoch"}.
"""
import argparse
import json
import math
import re
import time

import torch
import torch.nn as nn

TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")


def tokens(path, lowercase):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # a final line break ends the last line; it does not start another
    out = []
    for line in lines:
        line = line.lower() if lowercase else line
        out.extend(TOKEN.findall(line))
        out.append("<eos>")
    return out


def vocabulary(train, min_count):
    counts, order = {}, []
    for t in train:
        if t in ("<eos>", "<unk>"):
            continue
        if t not in counts:
            order.append(t)
        counts[t] = counts.get(t, 0) + 1
    words = ["<unk>", "<eos>"] + [t for t in order if counts[t] >= min_count]
    return {w: i for i, w in enumerate(words)}


def encode(toks, index):
    return torch.tensor([index.get(t, 0) for t in toks], dtype=torch.long)


def batchify(data, bsz, device):
    nbatch = data.size(0) // bsz
    return data[: nbatch * bsz].view(bsz, -1).t().contiguous().to(device)


class RNNModel(nn.Module):
    def __init__(self, ntoken, ninp, nhid, nlayers, dropout, tie):
        super().__init__()
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)
        if tie:
            self.decoder.weight = self.encoder.weight
        nn.init.uniform_(self.encoder.weight, -0.1, 0.1)
        nn.init.zeros_(self.decoder.bias)
        nn.init.uniform_(self.decoder.weight, -0.1, 0.1)
        self.nlayers, self.nhid = nlayers, nhid

    def forward(self, x, hidden):
        output, hidden = self.rnn(self.drop(self.encoder(x)), hidden)
        return self.decoder(self.drop(output)), hidden

    def init_hidden(self, bsz):
        w = next(self.parameters())
        return (w.new_zeros(self.nlayers, bsz, self.nhid), w.new_zeros(self.nlayers, bsz, self.nhid))


def evaluate(model, source, bptt, bsz, ntokens):
    model.eval()
    total = 0.0
    hidden = model.init_hidden(bsz)
    with torch.no_grad():
        for i in range(0, source.size(0) - 1, bptt):
            seq = min(bptt, len(source) - 1 - i)
            data, target = source[i: i + seq], source[i + 1: i + 1 + seq].reshape(-1)
            output, hidden = model(data, hidden)
            total += len(data) * nn.functional.cross_entropy(output.view(-1, ntokens), target).item()
    return total / (len(source) - 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("train"), p.add_argument("valid"), p.add_argument("test")
    p.add_argument("--min-count", type=int, default=1)
    p.add_argument("--lowercase", action="store_true")
    p.add_argument("--tied", action="store_true")
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    train_t = tokens(a.train, a.lowercase)
    index = vocabulary(train_t, a.min_count)
    ntokens = len(index)
    train = batchify(encode(train_t, index), 20, a.device)
    valid = batchify(encode(tokens(a.valid, a.lowercase), index), 10, a.device)
    test_tokens = encode(tokens(a.test, a.lowercase), index)
    test = batchify(test_tokens, 10, a.device)
    model = RNNModel(ntokens, 200, 200, 2, 0.2, a.tied).to(a.device)
    lr, bptt, best, epochs, seconds = 20.0, 35, None, [], []
    for epoch in range(1, a.epochs + 1):
        start = time.time()
        model.train()
        hidden = model.init_hidden(20)
        for i in range(0, train.size(0) - 1, bptt):
            seq = min(bptt, len(train) - 1 - i)
            data, target = train[i: i + seq], train[i + 1: i + 1 + seq].reshape(-1)
            model.zero_grad()
            hidden = tuple(h.detach() for h in hidden)
            output, hidden = model(data, hidden)
            loss = nn.functional.cross_entropy(output.view(-1, ntokens), target)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 0.25)
            for q in model.parameters():
                q.data.add_(q.grad, alpha=-lr)
        if a.device.startswith("cuda"):
            torch.cuda.synchronize()
        seconds.append(time.time() - start)
        val = evaluate(model, valid, bptt, 10, ntokens)
        epochs.append({"epoch": epoch, "valid_loss": val, "valid_ppl": math.exp(val), "lr": lr,
                       "seconds": seconds[-1]})
        print(f"epoch {epoch} {seconds[-1]:.1f}s lr {lr:g} valid loss {val:.4f} ppl {math.exp(val):.2f}", flush=True)
        if best is None or val < best:
            best = val
            state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            lr /= 4.0
    model.load_state_dict(state)
    test_loss = evaluate(model, test, bptt, 10, ntokens)
    one = evaluate(model, batchify(test_tokens, 1, a.device), bptt, 1, ntokens)
    result = {"vocab": ntokens, "tied": a.tied, "min_count": a.min_count, "train_tokens": len(train_t),
              "epochs": epochs, "test_loss": test_loss, "test_ppl": math.exp(test_loss),
              "test_loss_one_stream": one, "test_ppl_one_stream": math.exp(one),
              "seconds_per_epoch": sum(seconds) / len(seconds), "device": a.device}
    print(json.dumps(result))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Scores a recurrent-charlm/1 checkpoint on a UTF-8 text file with PyTorch, as `recurrent eval` does with
Recurrent.Models.CharLanguageModelEvaluator, and prints one JSON object:

    {"loss": nats, "bpc": loss / ln 2, "perplexity": e^loss, "chars": predicted characters, "skipped": unknown characters}

What is computed (the same as the C# evaluator):
  * the text is read as UTF-8 and split into Unicode code points; each is looked up in the checkpoint's vocab (one
    string per index); characters not in the vocab are skipped (left out of the stream) and counted;
  * the N remaining indices are one stream (batch 1): step s feeds index s and predicts index s + 1, for s < N - 1,
    so chars = N - 1;
  * the stream runs in chunks of --chunk inputs (default 256, the evaluator's default), the state (h, c) carried from
    each chunk to the next, zeros at the start, dropout off (model.eval()); the chunk length changes only rounding;
  * loss = mean over all predicted characters of -log softmax(logits)[next index], in nats.

The model is charlm_torch.CharLM built from the metadata's config; weights load with strict=True by state_dict name.
A peephole LSTM or a GRU with gru_form "spec" is refused: torch.nn has no such module (see charlm_torch.from_config).
Computes in float32 like the checkpoint and `recurrent eval`; --float64 widens the weights first.

    /usr/bin/python3 tools/reference/charlm_eval.py model.safetensors text.txt [--chunk 256] [--float64]
"""
import argparse
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from charlm_torch import from_config  # noqa: E402
from safetensors_io import load_file  # noqa: E402

FORMAT = "recurrent-charlm/1"


def load(path, dtype):
    tensors, metadata = load_file(path)
    if "format" not in metadata:
        raise SystemExit(f"checkpoint '{path}' has no 'format' in its metadata, expected {FORMAT}")
    if metadata["format"] != FORMAT:
        raise SystemExit(f"checkpoint '{path}' is format '{metadata.get('format')}', expected {FORMAT}")
    config = json.loads(metadata["config"])
    vocab = json.loads(metadata["vocab"])
    if len(vocab) != config["vocab_size"]:
        raise SystemExit(f"checkpoint '{path}': vocab has {len(vocab)} entries, but vocab_size is {config['vocab_size']}")
    model = from_config(config).to(dtype)
    model.load_state_dict({name: t.to(dtype) for name, t in tensors.items()}, strict=True)
    model.eval()
    return model, vocab


def encode(text, vocab):
    index = {ch: i for i, ch in enumerate(vocab)}
    ids, skipped = [], 0
    for ch in text:
        i = index.get(ch)
        if i is None:
            skipped += 1
        else:
            ids.append(i)
    return ids, skipped


@torch.no_grad()
def evaluate(model, ids, chunk):
    if len(ids) < 2:
        raise SystemExit(f"need at least 2 known characters to predict one, got {len(ids)}")
    data = torch.tensor(ids, dtype=torch.int64)
    predicted = len(ids) - 1
    state, total = None, 0.0
    for start in range(0, predicted, chunk):
        steps = min(chunk, predicted - start)
        inputs = data[start:start + steps].reshape(steps, 1)        # (T, B = 1)
        targets = data[start + 1:start + 1 + steps]
        logits, state = model(inputs, state)                        # state carried, no gradient
        total += F.cross_entropy(logits.reshape(steps, -1), targets, reduction="sum").item()
    loss = total / predicted
    return {"loss": loss, "bpc": loss / math.log(2), "perplexity": math.exp(loss), "chars": predicted}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint")
    parser.add_argument("text")
    parser.add_argument("--chunk", type=int, default=256, help="inputs per forward pass, state carried (default 256)")
    parser.add_argument("--float64", action="store_true", help="compute in float64 instead of float32")
    args = parser.parse_args()
    if args.chunk < 1:
        raise SystemExit("--chunk must be at least 1")
    model, vocab = load(args.checkpoint, torch.float64 if args.float64 else torch.float32)
    with open(args.text, encoding="utf-8") as f:
        ids, skipped = encode(f.read(), vocab)
    result = evaluate(model, ids, args.chunk)
    result["skipped"] = skipped
    print(json.dumps(result))


if __name__ == "__main__":
    main()

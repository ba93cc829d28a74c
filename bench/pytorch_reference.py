#!/usr/bin/python3
"""The workloads of `recurrent bench` and `recurrent bench sample` in PyTorch, for side-by-side timings.

    python3 bench/pytorch_reference.py [--model lstm|gru|rnn] [--hidden H] [--layers L] [--batch-size B]
                                       [--seq-length T] [--vocab V] [--steps N] [--threads N] [--json]
    python3 bench/pytorch_reference.py sample [--model M] [--hidden H] [--layers L] [--vocab V] [--chars N] [--threads N] [--json]

Training step: one-hot input (T, B, V) built once, nn.LSTM/GRU/RNN (time-major) -> nn.Linear head -> cross-entropy on
class indices -> backward -> clip_grad_norm_(5) -> RMSprop(lr 2e-3, alpha 0.99, eps 1e-8), all float32, on random
characters; warm-up steps, then each step timed alone and the median reported. FLOPs are counted exactly as
TrainingBenchmarkOptions.FlopsPerStep does (docs/benchmarks.md), and the GEMM peak is a 1024^3 torch.mm measured in
the same run. Needs only PyTorch; a peer benchmark, never a dependency of the library.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

GATES = {"lstm": 4, "gru": 3, "rnn": 1}


def flops_per_step(model, hidden, layers, batch, length, vocab):
    n, gh, h, total = length * batch, GATES[model] * hidden, hidden, 0.0
    for layer in range(layers):
        inputs = vocab if layer == 0 else h
        total += 2 * n * gh * (inputs + h)                        # forward
        total += 2 * n * gh * h + 2 * n * gh * (inputs + h)       # dh_{t-1}, dW_ih, dW_hh
        if layer > 0:
            total += 2 * n * gh * inputs                          # dx to the layer below
    return total + 3 * 2 * n * vocab * h                          # head: forward, dW, dh


def gemm_peak(repeats=5):
    a, b = torch.rand(1024, 1024) * 2 - 1, torch.rand(1024, 1024) * 2 - 1
    c = torch.mm(a, b)
    start = time.perf_counter()
    while time.perf_counter() - start < 0.2:
        torch.mm(a, b, out=c)
    times = []
    for _ in range(repeats):
        start, calls = time.perf_counter(), 0
        while True:
            torch.mm(a, b, out=c)
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 0.05:
                break
        times.append(elapsed / calls)
    return 2.0 * 1024 ** 3 / statistics.median(times) / 1e9


def recurrent(model, vocab, hidden, layers):
    cls = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[model]
    return cls(vocab, hidden, layers)


def train(args):
    torch.manual_seed(1234)
    t, b, v = args.seq_length, args.batch_size, args.vocab
    rnn = recurrent(args.model, v, args.hidden, args.layers)
    head = nn.Linear(args.hidden, v)
    params = list(rnn.parameters()) + list(head.parameters())
    optimizer = torch.optim.RMSprop(params, lr=2e-3, alpha=0.99, eps=1e-8)
    text = torch.randint(0, v, (t + 1, b))
    x = F.one_hot(text[:-1], v).float()          # (T, B, V)
    y = text[1:].reshape(-1)                      # (T*B)

    def step():
        optimizer.zero_grad(set_to_none=False)
        out, _ = rnn(x)
        logits = head(out).reshape(-1, v)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        nn.utils.clip_grad_norm_(params, 5.0)
        optimizer.step()
        return loss.item()

    peak = gemm_peak()
    for _ in range(3):
        step()
    seconds = []
    for _ in range(args.steps):
        start = time.perf_counter()
        loss = step()
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    flops = flops_per_step(args.model, args.hidden, args.layers, b, t, v)
    gflops = flops / median / 1e9
    return {
        "benchmark": "train_step", "implementation": f"pytorch {torch.__version__}", "model": args.model,
        "hidden": args.hidden, "layers": args.layers, "batch_size": b, "seq_length": t, "vocab": v,
        "steps": args.steps, "threads": torch.get_num_threads(),
        "ms_per_step": round(median * 1e3, 3), "chars_per_s": round(t * b / median, 1), "gflops": round(gflops, 2),
        "flops_per_step": flops, "gemm_peak_gflops": round(peak, 2), "fraction_of_gemm_peak": round(gflops / peak, 4),
        "bytes_allocated_per_step": None,
        "peak_working_set_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "loss": round(loss, 5), "step_ms": [round(s * 1e3, 3) for s in seconds],
    }


def sample(args):
    torch.manual_seed(1234)
    v = args.vocab
    rnn = recurrent(args.model, v, args.hidden, args.layers)
    head = nn.Linear(args.hidden, v)
    eye = torch.eye(v)
    with torch.no_grad():
        state, last = None, 0

        def next_char():
            nonlocal state, last
            out, state = rnn(eye[last].view(1, 1, v), state)
            probabilities = torch.softmax(head(out.view(1, -1)), dim=1)
            last = int(torch.multinomial(probabilities, 1))

        for _ in range(200):
            next_char()
        start = time.perf_counter()
        for _ in range(args.chars):
            next_char()
        rate = args.chars / (time.perf_counter() - start)
    return {
        "benchmark": "sample", "implementation": f"pytorch {torch.__version__}", "model": args.model,
        "hidden": args.hidden, "layers": args.layers, "vocab": v, "chars": args.chars,
        "threads": torch.get_num_threads(), "chars_per_s": round(rate, 1),
    }


def main(argv):
    sampling = len(argv) > 0 and argv[0] == "sample"
    if sampling:
        argv = argv[1:]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=sorted(GATES), default="lstm")
    parser.add_argument("--hidden", type=int, default=512 if sampling else 128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--vocab", type=int, default=65)
    parser.add_argument("--threads", type=int, default=None, help="intra-op threads [default: all cores]")
    parser.add_argument("--json", action="store_true")
    if sampling:
        parser.add_argument("--chars", type=int, default=2000)
    else:
        parser.add_argument("--batch-size", type=int, default=50)
        parser.add_argument("--seq-length", type=int, default=50)
        parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads or os.cpu_count())  # all cores by default, as `recurrent bench`
    result = sample(args) if sampling else train(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            if key != "step_ms":
                print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main(sys.argv[1:])

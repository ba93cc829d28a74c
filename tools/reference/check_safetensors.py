#!/usr/bin/env python3
"""Loads a safetensors file written by Recurrent into PyTorch modules, by hand, to prove the interchange both ways.

The C# test TorchWrittenSafetensorsTests.StateDict_LoadSaveRoundTrip_KeepsEveryTensorBitForBit loads the PyTorch
fixture tests/Recurrent.Tests/Fixtures/safetensors/torch_lstm_linear.safetensors into a ParameterSet<float>, saves it,
and leaves the result in the test output's Output/ folder. This script:
  1. checks the header layout against the format (length a multiple of 8, space padding, contiguous offsets);
  2. load_state_dict(strict=True) into a fresh nn.LSTM(3, 4, num_layers=2, bidirectional=True) ("rnn.") and
     nn.Linear(8, 2) ("head."), initialised under another seed so a silent no-op load would show;
  3. compares every tensor with the PyTorch-written fixture (torch.equal: bit for bit) and the modules' outputs.
The `safetensors` package is not installed beside torch 1.13 here, so reading goes through safetensors_io.py.

Run by hand after `dotnet test`:
  python3 tools/reference/check_safetensors.py [tests/Recurrent.Tests/bin/Debug/net10.0/Output/torch_lstm_linear.recurrent.safetensors]
"""
import json
import os
import struct
import sys

import torch

from safetensors_io import load_file

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DEFAULT = os.path.join(ROOT, "tests", "Recurrent.Tests", "bin", "Debug", "net10.0", "Output", "torch_lstm_linear.recurrent.safetensors")
FIXTURE = os.path.join(ROOT, "tests", "Recurrent.Tests", "Fixtures", "safetensors", "torch_lstm_linear.safetensors")


def check_layout(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n % 8 == 0, f"header length {n} is not a multiple of 8"
    text = data[8:8 + n].decode("utf-8")
    assert text.rstrip(" ").endswith("}") and set(text[len(text.rstrip(' ')):]) <= {" "}, "header padding is not spaces"
    header = json.loads(text)
    spans = sorted(tuple(v["data_offsets"]) for k, v in header.items() if k != "__metadata__")
    assert spans[0][0] == 0 and all(a[1] == b[0] for a, b in zip(spans, spans[1:])) and spans[-1][1] == len(data) - 8 - n
    return header.get("__metadata__", {})


def main(path):
    metadata = check_layout(path)
    ours, _ = load_file(path)
    theirs, _ = load_file(FIXTURE)

    torch.manual_seed(12345)
    rnn = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True)
    head = torch.nn.Linear(8, 2)
    rnn.load_state_dict({k[4:]: v for k, v in ours.items() if k.startswith("rnn.")}, strict=True)
    head.load_state_dict({k[5:]: v for k, v in ours.items() if k.startswith("head.")}, strict=True)

    loaded = {"rnn." + k: v for k, v in rnn.state_dict().items()}
    loaded.update({"head." + k: v for k, v in head.state_dict().items()})
    assert loaded.keys() == theirs.keys(), f"names differ: {sorted(loaded.keys() ^ theirs.keys())}"
    for name, tensor in theirs.items():
        assert loaded[name].dtype == tensor.dtype and torch.equal(loaded[name], tensor), f"{name} differs"

    torch.manual_seed(0)
    x = torch.randn(5, 2, 3)
    reference_rnn = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True)
    reference_rnn.load_state_dict({k[4:]: v for k, v in theirs.items() if k.startswith("rnn.")})
    assert torch.equal(rnn(x)[0], reference_rnn(x)[0]), "LSTM outputs differ"
    print(f"OK: {path}: {len(ours)} tensors loaded by load_state_dict(strict=True) into LSTM and Linear, "
          f"bit-identical to the PyTorch-written fixture; metadata {metadata}; torch {torch.__version__}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)

#!/usr/bin/env python3
"""Safetensors files written on the PyTorch side, for tests/Recurrent.Tests/Parameters/Serialization/.

  torch_lstm_linear.safetensors  state_dict of nn.LSTM(3, 4, num_layers=2, bidirectional=True) under "rnn." and of
                                 nn.Linear(8, 2) under "head." (float32, seeded default init), with __metadata__
  torch_lstm_linear.json         the same tensors as {name: {"shape": [...], "values": [...]}} (floats written as
                                 the exact double of each float32), so the C# test checks value by value
  torch_dtypes.safetensors/.json one tensor of each dtype the reader converts (F64, F32, F16, BF16, I64, I32),
                                 a scalar () and an empty (0, 3) tensor

Files are written by tools/reference/safetensors_io.py (the `safetensors` package is not installed here).
Run by hand:  python3 tools/reference/safetensors_fixtures.py
"""
import json
import os

import torch

from safetensors_io import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Recurrent.Tests", "Fixtures", "safetensors")


def dump(tensors, stem, metadata):
    save_file(tensors, os.path.join(OUT, stem + ".safetensors"), metadata)
    values = {name: {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                     "values": [float(v) for v in t.detach().to(torch.float64).reshape(-1).tolist()]}
              for name, t in tensors.items()}
    with open(os.path.join(OUT, stem + ".json"), "w") as f:
        json.dump({"metadata": metadata, "tensors": values}, f, indent=1)
        f.write("\n")


def model_state():
    torch.manual_seed(20261122)
    rnn = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True)
    head = torch.nn.Linear(8, 2)
    state = {"rnn." + k: v for k, v in rnn.state_dict().items()}
    state.update({"head." + k: v for k, v in head.state_dict().items()})
    return state


def dtype_samples():
    torch.manual_seed(7)
    base = torch.randn(2, 3, dtype=torch.float64) * 3
    return {
        "f64": base.clone(),
        "f32": base.to(torch.float32),
        "f16": base.to(torch.float16),
        "bf16": base.to(torch.bfloat16),
        "i64": torch.tensor([5, -3, 2, 1 << 40], dtype=torch.int64),
        "i32": torch.tensor([[7, -8], [0, 2147483647]], dtype=torch.int32),
        "scalar": torch.tensor(0.125, dtype=torch.float32),
        "empty": torch.zeros(0, 3, dtype=torch.float32),
    }


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    dump(model_state(), "torch_lstm_linear",
         {"format": "pt", "source": "torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True) as rnn, torch.nn.Linear(8, 2) as head",
          "torch": torch.__version__})
    dump(dtype_samples(), "torch_dtypes", {"format": "pt", "torch": torch.__version__})
    print("wrote", os.path.abspath(OUT))

"""Minimal safetensors reader/writer for the reference scripts, written from the format description because the
`safetensors` package is not installed next to the local PyTorch (1.13). Same layout as safetensors.torch.save_file:

    8 bytes   little-endian u64 N, the header length
    N bytes   JSON {"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [...], "data_offsets": [b, e]}, ...}
              padded with spaces so that N is a multiple of 8
    rest      raw little-endian tensor data; data_offsets are relative to the start of this part

Tensors are laid out contiguously in the order given (the reference orders by alignment, then name; readers do not
care). load_file validates what the C# reader validates, so a file both accept is a file PyTorch users can load.
"""
import json
import struct

import torch

DTYPES = {
    torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
    torch.int64: "I64", torch.int32: "I32",
}
TORCH = {name: dtype for dtype, name in DTYPES.items()}


def _to_bytes(tensor):
    tensor = tensor.detach().contiguous().cpu()
    # torch 1.13 has no untyped byte view of bfloat16 via numpy; reinterpret through int16 instead.
    if tensor.dtype == torch.bfloat16:
        return tensor.view(torch.int16).numpy().astype("<i2").tobytes()
    return tensor.numpy().astype(tensor.numpy().dtype.newbyteorder("<")).tobytes()


def save_file(tensors, path, metadata=None):
    """Writes {name: tensor} in dict order; metadata is a str → str dict or None."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs, offset = [], 0
    for name, tensor in tensors.items():
        blob = _to_bytes(tensor)
        header[name] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def load_file(path):
    """Returns ({name: tensor}, metadata); raises ValueError on any malformed header or layout."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError("file shorter than the header length")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError("header length runs past the end of the file")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    spans, tensors = [], {}
    for name, info in header.items():
        dtype = TORCH[info["dtype"]]
        shape = [int(d) for d in info["shape"]]
        begin, end = info["data_offsets"]
        count = 1
        for d in shape:
            count *= d
        size = torch.empty((), dtype=dtype).element_size()
        if end - begin != count * size or end > len(body):
            raise ValueError(f"tensor {name}: shape {shape} of {info['dtype']} does not fit data_offsets {begin, end}")
        spans.append((begin, end))
        raw = bytearray(body[begin:end])
        if dtype == torch.bfloat16:
            t = torch.frombuffer(raw, dtype=torch.int16).view(torch.bfloat16) if raw else torch.empty(0, dtype=dtype)
        else:
            t = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = t.reshape(shape).clone()
    position = 0
    for begin, end in sorted(spans):
        if begin != position:
            raise ValueError("data_offsets overlap or leave a gap")
        position = end
    if position != len(body):
        raise ValueError("trailing bytes after the last tensor")
    return tensors, metadata

#!/usr/bin/python3
"""PyTorch's own check of a backprop4j model file: the same nn.Sequential accepts it with
load_state_dict(strict=True) and computes the same outputs.

Run with Debian's torch: /usr/bin/python3 (no `safetensors` package is needed: the format is read
here, an 8-byte little-endian header length, a JSON header, then the raw tensor bytes).

  torch_load_state_dict.py names MODEL.safetensors
      prints the torch state_dict of the file's architecture, one "name dtype shape" a line
      (core/src/test/resources/torch/cnn-state-dict.txt was written this way; TorchStateDictTest
      compares backprop4j's names and shapes with it without Python)
  torch_load_state_dict.py check MODEL.safetensors INPUTS.f32 OUTPUTS.f32
      loads the file strictly, runs the model in eval mode on the float32 rows of INPUTS.f32 and
      compares with backprop4j's float32 outputs in OUTPUTS.f32; exit status 0 when they agree
      within 1e-4 (absolute and relative), 1 otherwise
"""
import json
import struct
import sys

import numpy as np
import torch
from torch import nn

DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    """The tensors (name -> numpy array) and the metadata of a safetensors file."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, t in header.items():
        begin, end = t["data_offsets"]
        a = np.frombuffer(data[begin:end], dtype=DTYPES[t["dtype"]]).copy()
        tensors[name] = a.reshape(t["shape"])
    return tensors, meta


def module(layer):
    """The torch.nn module of one entry of the file's "layers" metadata."""
    kind = layer["type"]
    if kind == "Conv2d":
        return nn.Conv2d(layer["in_channels"], layer["out_channels"], (layer["kernel_h"], layer["kernel_w"]),
                         stride=(layer["stride_h"], layer["stride_w"]), padding=(layer["padding_h"], layer["padding_w"]),
                         dilation=(layer["dilation_h"], layer["dilation_w"]), groups=layer["groups"], bias=layer["bias"])
    if kind == "Linear":
        return nn.Linear(layer["in_features"], layer["out_features"], bias=layer.get("bias", True))
    if kind in ("BatchNorm1d", "BatchNorm2d"):
        return getattr(nn, kind)(layer["num_features"], eps=layer["eps"], momentum=layer["momentum"])
    if kind in ("MaxPool2d", "AvgPool2d"):
        return getattr(nn, kind)(layer["kernel_size"], stride=layer["stride"], padding=layer["padding"])
    if kind == "AdaptiveAvgPool2d":
        return nn.AdaptiveAvgPool2d(layer.get("output_size", 1))
    if kind == "Dropout":
        return nn.Dropout(layer["p"])
    if kind == "LeakyReLU":
        return nn.LeakyReLU(layer.get("negative_slope", 0.01))
    if kind in ("Flatten", "ReLU", "GELU", "Tanh", "Sigmoid"):
        return getattr(nn, kind)()
    raise SystemExit("unknown layer type " + kind)


def network(meta):
    return nn.Sequential(*[module(layer) for layer in json.loads(meta["layers"])])


def main(argv):
    mode, path = argv[1], argv[2]
    tensors, meta = read_safetensors(path)
    net = network(meta)
    if mode == "names":
        for name, t in net.state_dict().items():
            print(name, str(t.dtype).replace("torch.", ""), ",".join(str(d) for d in t.shape))
        return 0
    state = {k: torch.from_numpy(v) for k, v in tensors.items() if not k.startswith("optimizer.")}
    net.load_state_dict(state, strict=True)  # raises on a missing, unexpected or mis-shaped tensor
    net = net.to(torch.float64 if tensors["0.weight"].dtype == np.float64 else torch.float32).eval()
    shape = json.loads(meta["input_shape"]) if "input_shape" in meta else [net[0].in_features]
    x = np.fromfile(argv[3], dtype="<f4")
    ours = np.fromfile(argv[4], dtype="<f4")
    rows = x.size // int(np.prod(shape))
    inputs = torch.from_numpy(x.reshape([rows] + shape))
    with torch.no_grad():
        theirs = net(inputs.to(net[0].weight.dtype)).double().numpy().reshape(-1)
    diff = np.abs(theirs - ours.astype(np.float64))
    worst = float(np.max(diff / (1e-4 + 1e-4 * np.abs(theirs))))
    print("strict load_state_dict: ok; %d rows, max |torch - backprop4j| = %.3e" % (rows, float(np.max(diff))))
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

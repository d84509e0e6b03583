#!/usr/bin/python3
"""Reference values from PyTorch for the convolution, pooling and batch-norm tests.

Run from the repository root:  /usr/bin/python3 core/src/test/python/conv_reference.py
Writes core/src/test/resources/org/backprop4j/ops/torch_reference.txt: one array per line,
"name<TAB>comma-separated shape<TAB>space-separated float64 values" (row-major). Inputs come from
a seeded NumPy generator and are written too, so the Java tests feed PyTorch's exact inputs.
Produced with torch 1.13 (the version is recorded in the file's first line).
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261129)
lines = []


def put(name, a):
    a = np.asarray(a.detach().numpy() if torch.is_tensor(a) else a, dtype=np.float64)
    shape = ",".join(str(d) for d in a.shape)
    lines.append(name + "\t" + shape + "\t" + " ".join(repr(float(v)) for v in a.reshape(-1)))


def tensor(name, *shape, decimals=None):
    a = rng.uniform(-1, 1, size=shape)
    if decimals is not None:
        a = np.round(a, decimals)  # repeated values: ties for max pooling
    put(name, a)
    return torch.tensor(a, requires_grad=True)


def conv_case(name, xs, ws, bias, stride, padding, dilation, groups):
    x = tensor(name + ".x", *xs)
    w = tensor(name + ".w", *ws)
    b = tensor(name + ".b", ws[0]) if bias else None
    y = F.conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    gy = tensor(name + ".gy", *y.shape)
    y.backward(gy)
    put(name + ".y", y)
    put(name + ".dx", x.grad)
    put(name + ".dw", w.grad)
    if bias:
        put(name + ".db", b.grad)


def pool_case(name, xs, op):
    x = tensor(name + ".x", *xs, decimals=1)
    y = op(x)
    gy = tensor(name + ".gy", *y.shape)
    y.backward(gy)
    put(name + ".y", y)
    put(name + ".dx", x.grad)


def bn_case(name, module, shape):
    with torch.no_grad():
        module.weight.copy_(torch.tensor(rng.uniform(0.5, 1.5, size=module.num_features)))
        module.bias.copy_(torch.tensor(rng.uniform(-0.5, 0.5, size=module.num_features)))
    put(name + ".weight", module.weight)
    put(name + ".bias", module.bias)
    module.train()
    x1 = tensor(name + ".x1", *shape)
    y1 = module(x1)
    gy = tensor(name + ".gy", *y1.shape)
    y1.backward(gy)
    put(name + ".y1", y1)
    put(name + ".dx1", x1.grad)
    put(name + ".dweight", module.weight.grad)
    put(name + ".dbias", module.bias.grad)
    x2 = tensor(name + ".x2", *shape)
    module(x2 * 3 + 1)  # a second batch with another mean and scale
    put(name + ".running_mean", module.running_mean)
    put(name + ".running_var", module.running_var)
    put(name + ".num_batches_tracked", module.num_batches_tracked.double())
    module.eval()
    x3 = tensor(name + ".x3", *shape)
    y3 = module(x3)
    y3.backward(gy)
    put(name + ".y3", y3)
    put(name + ".dx3", x3.grad)


conv_case("conv.pad1", (2, 3, 6, 7), (4, 3, 3, 3), True, 1, 1, 1, 1)
conv_case("conv.mixed", (2, 4, 7, 6), (6, 2, 3, 2), True, (2, 1), (1, 0), (1, 2), 2)
conv_case("conv.pointwise_stride2", (1, 2, 5, 5), (3, 2, 1, 1), False, 2, 0, 1, 1)
pool_case("maxpool.k3s2p1", (2, 2, 7, 6), lambda x: F.max_pool2d(x, 3, 2, 1))
pool_case("maxpool.k2s1", (2, 2, 5, 5), lambda x: F.max_pool2d(x, 2, 1, 0))
pool_case("avgpool.k3s2p1", (2, 2, 7, 6), lambda x: F.avg_pool2d(x, 3, 2, 1))
pool_case("adaptiveavg", (2, 3, 4, 5), lambda x: F.adaptive_avg_pool2d(x, 1))
bn_case("bn2d", torch.nn.BatchNorm2d(3), (4, 3, 5, 5))
bn_case("bn1d", torch.nn.BatchNorm1d(4), (6, 4))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "backprop4j", "ops",
                   "torch_reference.txt")
with open(out, "w") as f:
    f.write("# torch " + torch.__version__ + ", numpy " + np.__version__ + "; made by core/src/test/python/conv_reference.py\n")
    f.write("\n".join(lines) + "\n")
print("wrote", len(lines), "arrays to", os.path.normpath(out))

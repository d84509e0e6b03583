"""Makes the PyTorch-exported ONNX fixtures of OnnxPyTorchFixtureTest (run with Debian's torch 1.13):

    /usr/bin/python3 onnx/src/test/python/make_fixtures.py onnx/src/test/resources/org/backprop4j/onnx

For each small model it writes NAME.onnx (torch.onnx.export, eval mode) and NAME.json: the input rows
(flat, float32) and the softmax of the model's outputs, which the Java test must reproduce to 1e-4.
Seeds are fixed, so the files are reproducible on the same torch version."""
import json
import os
import sys

import torch
import torch.nn as nn

out_dir = sys.argv[1]
os.makedirs(out_dir, exist_ok=True)


def mlp():
    return nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 8), nn.GELU(),
                         nn.Linear(8, 6), nn.Tanh(), nn.Linear(6, 6), nn.LeakyReLU(0.2),
                         nn.Linear(6, 4, bias=False), nn.Sigmoid(), nn.Linear(4, 3)), (5,)


def mlp_bn_softmax():
    return nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 3), nn.Softmax(dim=1)), (4,)


def cnn():
    return nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(4, 4, 3, padding=1, groups=2, bias=False), nn.GELU(),
                         nn.AvgPool2d(3, stride=1, padding=1), nn.Conv2d(4, 6, 2, stride=2), nn.Tanh(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.5), nn.Linear(6, 3),
                         nn.LogSoftmax(dim=1)), (2, 8, 8)


def cnn_avgpool():
    return nn.Sequential(nn.Conv2d(1, 3, 3, stride=1, padding=0, dilation=1), nn.LeakyReLU(),
                         nn.AvgPool2d(2), nn.Flatten(), nn.Linear(3 * 3 * 3, 2)), (1, 8, 8)


def randomise_batch_norm(model, gen):
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.running_mean.copy_(torch.randn(m.num_features, generator=gen) * 0.5)
                m.running_var.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.weight.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=gen) * 0.1)


for name, make, opset in [("mlp_opset13", mlp, 13), ("mlp_bn_softmax_opset17", mlp_bn_softmax, 17),
                          ("cnn_opset13", cnn, 13), ("cnn_opset17", cnn, 17),
                          ("cnn_avgpool_opset15", cnn_avgpool, 15)]:
    torch.manual_seed(7)
    gen = torch.Generator().manual_seed(11)
    model, shape = make()
    randomise_batch_norm(model, gen)
    model.eval()
    x = torch.randn((3,) + shape, generator=gen)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=opset, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
    with torch.no_grad():
        y = model(x)
        if isinstance(model[-1], nn.Softmax):
            p = y
        else:
            p = torch.softmax(y, dim=1)
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump({"input_shape": list(shape), "rows": x.reshape(3, -1).tolist(),
                   "probabilities": p.double().tolist()}, f)
        f.write("\n")

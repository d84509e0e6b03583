#!/usr/bin/env python3
"""The benchmark workloads in PyTorch (peer of `backprop4j bench` and `backprop4j train`).

Fashion-MNIST, softmax cross-entropy, float32, batch 128, with plain SGD (lr 0.1) or Adam (lr 1e-3), on
--arch mlp (the default): MLP 784-256 (ReLU) -10, or
--arch cnn (workload C of issue 12, with Adam): conv(1->32, 3x3, padding 1) ReLU maxpool 2,
conv(32->64, 3x3, padding 1) ReLU maxpool 2, flatten, linear(3136->128) ReLU, linear(128->10).
Run it with Debian's interpreter (/usr/bin/python3, python3-torch 1.13) and
libopenblas0-pthread installed, or PyTorch uses the slow reference BLAS.
Prints, last, one JSON line with samples_per_second (training steps of epochs 2.., the first being
warm-up), gflops, peak_rss_mib and test_accuracy.
"""
import argparse
import json
import os
import resource
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=os.cpu_count())
ap.add_argument("--epochs", type=int, default=5)
ap.add_argument("--batch-size", type=int, default=128)
ap.add_argument("--arch", choices=("mlp", "cnn"), default="mlp")
ap.add_argument("--optimizer", choices=("sgd", "adam"), default="sgd")
ap.add_argument("--lr", type=float)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
args = ap.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import torch  # noqa: E402
import fashion_idx  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
nn = torch.nn
if args.arch == "cnn":
    # forward 2*(32*28*28*9 + 64*14*14*288 + 3136*128 + 128*10) multiply-adds; backward twice that, less the
    # first conv's input gradient: about 8.5 + 16.5 MFLOP
    conv1, conv2, dense = 2.0 * 32 * 28 * 28 * 9, 2.0 * 64 * 14 * 14 * 32 * 9, 2.0 * (3136 * 128 + 128 * 10)
    FLOPS_PER_SAMPLE = (conv1 + conv2 + dense) + (conv1 + 2 * conv2 + 2 * dense)
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
    shape = (-1, 1, 28, 28)
else:
    FLOPS_PER_SAMPLE = 2.0 * (784 * 256 + 256 * 10) + 2.0 * 784 * 256 + 2.0 * 2 * 256 * 10
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    shape = (-1, 784)

xtr, ytr, xte, yte = (torch.from_numpy(a) for a in fashion_idx.load(args.data))
xtr, xte = xtr.reshape(shape), xte.reshape(shape)
if args.optimizer == "adam":
    opt = torch.optim.Adam(model.parameters(), lr=args.lr or 1e-3)
else:
    opt = torch.optim.SGD(model.parameters(), lr=args.lr or 0.1)
loss_fn = torch.nn.CrossEntropyLoss()

n = xtr.shape[0]
gen = torch.Generator().manual_seed(args.seed)
samples = 0
loss = float("nan")
start = time.perf_counter()
for epoch in range(args.epochs):
    if epoch == 1:  # steady state: the first epoch is warm-up, excluded when there are two or more
        start = time.perf_counter()
        samples = 0
    order = torch.randperm(n, generator=gen)
    for s in range(0, n, args.batch_size):
        idx = order[s:s + args.batch_size]
        x = xtr[idx]
        y = ytr[idx]
        opt.zero_grad(set_to_none=True)
        out = loss_fn(model(x), y)
        out.backward()
        opt.step()
        samples += x.shape[0]
    loss = float(out)
seconds = time.perf_counter() - start

with torch.no_grad():  # in chunks: the CNN's activations for all 10,000 test images would take a GiB
    correct = sum(int((model(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum()) for i in range(0, len(yte), 1000))
    acc = correct / len(yte)
sps = samples / seconds
print(json.dumps({
    "system": "pytorch-" + args.optimizer, "torch": torch.__version__, "threads": args.threads,
    "epochs": args.epochs, "batch_size": args.batch_size, "optimizer": args.optimizer,
    "samples_per_second": round(sps, 1), "gflops": round(sps * FLOPS_PER_SAMPLE / 1e9, 2),
    "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "test_accuracy": round(acc, 4), "final_loss": round(loss, 6), "train_seconds": round(seconds, 3)}))
sys.stdout.flush()

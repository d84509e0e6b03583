#!/usr/bin/env python3
"""The benchmark workload in NumPy with hand-written backprop (peer of `backprop4j bench`).

Fashion-MNIST, MLP 784-256 (ReLU) -10, softmax cross-entropy, plain SGD, float32.
Prints, last, one JSON line with samples_per_second, gflops, peak_rss_mib and test_accuracy.
"""
import argparse
import json
import os
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=os.cpu_count())
ap.add_argument("--epochs", type=int, default=5)
ap.add_argument("--batch-size", type=int, default=128)
ap.add_argument("--lr", type=float, default=0.1)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
args = ap.parse_args()
# BLAS threads must be fixed before NumPy loads OpenBLAS
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402
import fashion_idx  # noqa: E402
import resource  # noqa: E402

FLOPS_PER_SAMPLE = 2.0 * (784 * 256 + 256 * 10) + 2.0 * 784 * 256 + 2.0 * 2 * 256 * 10


xtr, ytr, xte, yte = fashion_idx.load(args.data)

rng = np.random.default_rng(args.seed)
b = 1 / np.sqrt(784)
w1 = rng.uniform(-b, b, (784, 256)).astype(np.float32)
b1 = rng.uniform(-b, b, 256).astype(np.float32)
b = 1 / np.sqrt(256)
w2 = rng.uniform(-b, b, (256, 10)).astype(np.float32)
b2 = rng.uniform(-b, b, 10).astype(np.float32)
lr = np.float32(args.lr)

n = xtr.shape[0]
samples = 0
loss = float("nan")
start = time.perf_counter()
for epoch in range(args.epochs):
    if epoch == 1:  # steady state: the first epoch is warm-up, excluded when there are two or more
        start = time.perf_counter()
        samples = 0
    order = rng.permutation(n)
    for s in range(0, n, args.batch_size):
        idx = order[s:s + args.batch_size]
        x = xtr[idx]
        y = ytr[idx]
        m = x.shape[0]
        h = x @ w1
        h += b1
        np.maximum(h, 0, out=h)
        z = h @ w2
        z += b2
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        loss = float(-np.log(z[np.arange(m), y] + 1e-30).mean())
        z[np.arange(m), y] -= 1
        z /= m
        dw2 = h.T @ z
        db2 = z.sum(axis=0)
        dh = z @ w2.T
        dh *= h > 0
        dw1 = x.T @ dh
        db1 = dh.sum(axis=0)
        w1 -= lr * dw1
        b1 -= lr * db1
        w2 -= lr * dw2
        b2 -= lr * db2
        samples += m
seconds = time.perf_counter() - start

h = np.maximum(xte @ w1 + b1, 0)
acc = float(((h @ w2 + b2).argmax(axis=1) == yte).mean())
sps = samples / seconds
print(json.dumps({
    "system": "numpy", "numpy": np.__version__, "threads": args.threads, "epochs": args.epochs,
    "batch_size": args.batch_size, "samples_per_second": round(sps, 1),
    "gflops": round(sps * FLOPS_PER_SAMPLE / 1e9, 2),
    "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "test_accuracy": round(acc, 4), "final_loss": round(loss, 6), "train_seconds": round(seconds, 3)}))
sys.stdout.flush()

# NumPy/OpenBLAS sgemm on the MLP shapes, GFLOP/s (median of 9 runs of 200 calls).
# Usage: OPENBLAS_NUM_THREADS=N OMP_NUM_THREADS=N python3 bench/peers/numpy_gemm.py N
import numpy as np, time, sys, json
rng = np.random.default_rng(0)
def t(f, reps=200):
    for _ in range(20): f()
    ts = []
    for _ in range(9):
        s = time.perf_counter()
        for _ in range(reps): f()
        ts.append((time.perf_counter() - s) / reps)
    return sorted(ts)[4]
A = rng.standard_normal((128, 784), dtype=np.float32); W = rng.standard_normal((784, 256), dtype=np.float32)
G = rng.standard_normal((128, 256), dtype=np.float32); H = rng.standard_normal((256, 10), dtype=np.float32)
shapes = {
  "fwd": (lambda: A @ W, 2*128*784*256),
  "wgrad": (lambda: A.T @ G, 2*784*128*256),
  "igrad": (lambda: G @ W.T, 2*128*256*784),
  "head": (lambda: G @ H, 2*128*256*10),
}
out = {k: round(fl / t(f) / 1e9, 1) for k, (f, fl) in shapes.items()}
print(json.dumps({"threads": sys.argv[1], "gflops": out}))

"""Fashion-MNIST from IDX files (gzip or raw) as NumPy arrays, shared by the Python peer harnesses."""
import gzip
import os
import struct

import numpy as np


def read_idx(data_dir, name):
    """The unsigned-byte array of one IDX file, `name` or `name`.gz in data_dir."""
    path = os.path.join(data_dir, name)
    gz = os.path.exists(path + ".gz")
    with (gzip.open(path + ".gz", "rb") if gz else open(path, "rb")) as f:
        data = f.read()
    ndim = struct.unpack(">I", data[:4])[0] & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(data_dir):
    """(train images [60000, 784] float32 in [0, 1], train labels int64, test images, test labels)."""
    def images(name):
        return read_idx(data_dir, name).reshape(-1, 784).astype(np.float32) / 255.0

    def labels(name):
        return read_idx(data_dir, name).astype(np.int64)

    return (images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte"))

/**
 * Saving and loading: safetensors files, model files and bit-exact training checkpoints.
 * Every file is written atomically (temp file, fsync, rename) and read with validation before allocation.
 */
package org.backprop4j.io;

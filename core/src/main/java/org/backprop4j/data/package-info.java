/**
 * Data for training: in-memory labelled data sets, minibatch loading with a seeded shuffle, CSV and
 * IDX reading (MNIST and Fashion-MNIST), the bundled digits and iris data sets, stratified splits and feature scaling.
 */
package org.backprop4j.data;

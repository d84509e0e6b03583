/**
 * Data-parallel training of backprop4j models on Apache Spark, as a step executor under the ordinary
 * trainer: synchronous gradient summation that equals single-process training, and parameter
 * averaging after K local steps for slow networks.
 */
package org.backprop4j.spark;

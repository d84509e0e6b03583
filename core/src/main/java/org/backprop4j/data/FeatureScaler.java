package org.backprop4j.data;

/**
 * A fitted per-feature scaling ({@link Standardizer}, {@link MinMaxScaler}) applied unchanged to
 * new data: a whole data set for training and evaluation, or one row for prediction.
 */
public interface FeatureScaler {
    /**
     * A new data set with scaled features and the same labels and names.
     *
     * @param data the data set to scale (not changed)
     * @return the scaled data set
     */
    Dataset transform(Dataset data);

    /**
     * The scaled copy of one row of features (the row is not changed).
     *
     * @param row one sample's features, as many as the scaler was fitted on
     * @return the scaled features
     */
    float[] transform(float[] row);
}

package org.backprop4j.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, such as the body that writes a file's content
 * in {@link AtomicFiles#write}.
 *
 * @param <T> the type of the consumed value
 */
@FunctionalInterface
public interface IOConsumer<T> {
    /** Consumes {@code value}, possibly failing with an {@link IOException}. */
    void accept(T value) throws IOException;
}

package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every layer class of this package can be saved: it describes itself and the registry rebuilds it. */
class LayerRegistryTest {
    /** Modules a model file deliberately does not describe as one layer. */
    private static final Set<Class<?>> CONTAINERS = Set.of(Sequential.class);

    @Test
    void everyConcreteModuleOfThePackageHasAConfigAndARegistryEntry() throws Exception {
        Path dir = Path.of(Module.class.getResource("Module.class").toURI()).getParent();
        List<String> missing = new ArrayList<>();
        List<String> layers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("org.backprop4j.nn." + name.substring(0, name.length() - 6));
                if (!Module.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers()) || CONTAINERS.contains(c)) {
                    continue;
                }
                layers.add(c.getSimpleName());
                if (c.getMethod("config").getDeclaringClass() == Module.class) {
                    missing.add(c.getSimpleName() + " does not override config()");
                } else if (!LayerRegistry.types().contains(c.getSimpleName())) {
                    missing.add(c.getSimpleName() + " has no line in LayerRegistry");
                }
            }
        }
        assertThat(layers).contains("Linear", "ReLU", "Dropout");
        assertThat(missing).isEmpty();
        assertThat(LayerRegistry.types()).containsExactlyInAnyOrderElementsOf(layers);
    }
}

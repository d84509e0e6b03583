package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@code eval()}, {@code train()}, {@code train(boolean)} and {@code to(DType)} return the receiver's own
 * type on every public concrete module of the API packages, so {@code Conv2d c = new Conv2d(1, 2, 3).eval()}
 * compiles (issue 14): a new layer without the four covariant overrides fails here.
 */
class ModuleSelfTypeTest {

    @Test
    void chainedModeAndDtypeCallsKeepTheType() {
        Conv2d c = new Conv2d(1, 2, 3).eval();
        Linear l = new Linear(2, 3, new Rng(0)).to(DType.FLOAT64).train();
        BatchNorm2d b = new BatchNorm2d(4).train(false);
        Sequential s = new Sequential(new ReLU()).eval();
        assertThat(c.isTraining()).isFalse();
        assertThat(l.isTraining()).isTrue();
        assertThat(l.weight().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(b.isTraining()).isFalse();
        assertThat(s.isTraining()).isFalse();
    }

    @Test
    void everyPublicConcreteModuleReturnsItsOwnType() throws Exception {
        List<Class<?>> modules = publicConcreteModules();
        // the scan must see the layers, or this test could not fail
        assertThat(modules).contains(Linear.class, Conv2d.class, BatchNorm1d.class, Sequential.class, ReLU.class);
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : modules) {
            check(c, "train", wrong);
            check(c, "train", wrong, boolean.class);
            check(c, "eval", wrong);
            check(c, "to", wrong, DType.class);
        }
        assertThat(wrong).as("methods returning a supertype instead of the class itself").isEmpty();
    }

    private static void check(Class<?> c, String name, List<String> wrong, Class<?>... params) throws Exception {
        Class<?> returned = c.getMethod(name, params).getReturnType();
        if (returned != c) {
            wrong.add(c.getSimpleName() + "." + name + "(" + (params.length == 0 ? "" : params[0].getSimpleName())
                    + ") returns " + returned.getSimpleName());
        }
    }

    /** The public, non-abstract subclasses of Module in the exported packages, from the compiled classes. */
    private static List<Class<?>> publicConcreteModules() throws IOException, URISyntaxException, ClassNotFoundException {
        URI here = Module.class.getResource("Module.class").toURI();
        List<Class<?>> out = new ArrayList<>();
        if (here.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(here, Map.of())) {
                collect(jar.getPath("/org/backprop4j"), out);
            }
        } else {
            collect(Path.of(here).getParent().getParent(), out);
        }
        return out;
    }

    private static void collect(Path root, List<Class<?>> out) throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.map(p -> root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "."))
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.endsWith("-info.class"))
                    .map(n -> "org.backprop4j." + n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
        for (String n : names) {
            Class<?> c = Class.forName(n, false, Module.class.getClassLoader());
            if (Module.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                    && !Modifier.isAbstract(c.getModifiers())
                    && Module.class.getModule().isExported(c.getPackageName())) {
                out.add(c);
            }
        }
    }
}

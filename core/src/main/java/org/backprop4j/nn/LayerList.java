package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.kernel.Window2d;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Shape;

/**
 * The layer language: a whitespace-separated list of layers named and parameterised like
 * {@code torch.nn} without input sizes, such as
 * {@code "conv2d(32,3,padding=1) batchnorm2d relu maxpool2d(2) flatten linear(128) relu dropout(0.3) linear"}.
 * Input sizes are inferred from the sample shape ({@code [C, H, W]} for images, {@code [F]} for
 * features); a last {@code linear} without argument has one output per class. Layer i of the list is
 * module i of the {@link Sequential}, so parameter names equal PyTorch's for the same
 * {@code nn.Sequential}. A list that cannot fit the data fails before anything is built, with one
 * message naming the layer, its position and what was expected.
 */
public final class LayerList {
    private static final Map<String, List<String>> ARGUMENTS = new LinkedHashMap<>();

    static {
        ARGUMENTS.put("conv2d", List.of("out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias"));
        ARGUMENTS.put("linear", List.of("out_features"));
        ARGUMENTS.put("batchnorm1d", List.of());
        ARGUMENTS.put("batchnorm2d", List.of());
        ARGUMENTS.put("maxpool2d", List.of("kernel_size", "stride", "padding"));
        ARGUMENTS.put("avgpool2d", List.of("kernel_size", "stride", "padding"));
        ARGUMENTS.put("adaptiveavgpool2d", List.of("output_size"));
        ARGUMENTS.put("flatten", List.of());
        ARGUMENTS.put("dropout", List.of("p"));
        ARGUMENTS.put("relu", List.of());
        ARGUMENTS.put("leakyrelu", List.of("negative_slope"));
        ARGUMENTS.put("gelu", List.of());
        ARGUMENTS.put("tanh", List.of());
        ARGUMENTS.put("sigmoid", List.of());
    }

    private LayerList() {
    }

    /**
     * Builds the network for samples of shape {@code sampleShape} and {@code classes} outputs of a
     * last argument-less {@code linear}; weights come from {@code rng}, which Dropout layers also use.
     *
     * @throws IllegalArgumentException naming the layer, its position (from 1) and what was expected
     */
    public static Sequential build(String spec, int[] sampleShape, int classes, Rng rng, DType dtype) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(dtype, "dtype");
        List<String> tokens = tokens(spec);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the layer list is empty; expected layers such as \"flatten linear\"");
        }
        int[] shape = sampleShape.clone();
        Sequential model = new Sequential();
        if (shape.length > 1) {
            model.inputShape(shape); // flat rows are viewed as samples of this shape
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            try {
                Map<String, String> args = arguments(token);
                boolean last = i == tokens.size() - 1;
                Layer layer = layer(name(token), args, shape, last ? classes : -1, rng, dtype);
                model.add(layer.module);
                shape = layer.outShape;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " '" + token + "': " + e.getMessage(), e);
            }
        }
        return model;
    }

    /** A built module and the per-sample shape it produces. */
    private record Layer(Module module, int[] outShape) {
    }

    /** Splits at whitespace outside parentheses. */
    static List<String> tokens(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char ch : spec.toCharArray()) {
            if (Character.isWhitespace(ch) && depth == 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
            if (!Character.isWhitespace(ch)) {
                cur.append(ch);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String name(String token) {
        int open = token.indexOf('(');
        return (open < 0 ? token : token.substring(0, open)).toLowerCase(Locale.ROOT);
    }

    /** The arguments by name: positional ones take the layer's names in order. */
    private static Map<String, String> arguments(String token) {
        String name = name(token);
        List<String> names = ARGUMENTS.get(name);
        if (names == null) {
            throw new IllegalArgumentException("unknown layer; expected one of " + ARGUMENTS.keySet());
        }
        Map<String, String> out = new LinkedHashMap<>();
        int open = token.indexOf('(');
        if (open < 0) {
            return out;
        }
        if (!token.endsWith(")") || token.indexOf(')') != token.length() - 1) {
            throw new IllegalArgumentException("expected name(arguments) with one closing parenthesis at the end");
        }
        String inner = token.substring(open + 1, token.length() - 1);
        if (inner.isEmpty()) {
            return out;
        }
        String[] parts = inner.split(",", -1);
        for (int k = 0; k < parts.length; k++) {
            String part = parts[k];
            int eq = part.indexOf('=');
            String key;
            String value;
            if (eq < 0) {
                if (k >= names.size() || out.size() != k) {
                    throw new IllegalArgumentException("unexpected positional argument '" + part + "'; expected "
                            + (names.isEmpty() ? "no arguments" : "arguments " + names));
                }
                key = names.get(k);
                value = part;
            } else {
                key = part.substring(0, eq).toLowerCase(Locale.ROOT);
                value = part.substring(eq + 1);
                if (!names.contains(key)) {
                    throw new IllegalArgumentException("unknown argument '" + key + "'; expected "
                            + (names.isEmpty() ? "no arguments" : "one of " + names));
                }
            }
            if (value.isEmpty() || out.put(key, value) != null) {
                throw new IllegalArgumentException("argument " + key + " is empty or given twice");
            }
        }
        return out;
    }

    private static int integer(Map<String, String> args, String key, int fallback, int min) {
        String v = args.get(key);
        if (v == null) {
            if (fallback < min) {
                throw new IllegalArgumentException("expected " + key + " (an integer of at least " + min + ")");
            }
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be an integer of at least " + min + ", got '" + v + "'");
    }

    private static double real(Map<String, String> args, String key, double fallback, double min, double max) {
        String v = args.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number in [" + min + ", " + max + "], got '" + v + "'");
    }

    private static boolean bool(Map<String, String> args, String key) {
        String v = args.getOrDefault(key, "true").toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be True or False, got '" + args.get(key) + "'");
        }
        return v.equals("true");
    }

    private static void requireImages(int[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("expected images [C, H, W] as input, got " + Shape.str(shape)
                    + (shape.length == 1 ? " (give the data an image shape, e.g. --input-shape 1,28,28)" : ""));
        }
    }

    private static int[] windowOut(int[] shape, Window2d g) {
        String problem = g.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem + " (input " + Shape.str(shape) + ")");
        }
        return new int[]{shape[0], g.outH(), g.outW()};
    }

    private static Layer layer(String name, Map<String, String> a, int[] shape, int classes, Rng rng, DType dtype) {
        switch (name) {
            case "conv2d": {
                requireImages(shape);
                int out = integer(a, "out_channels", 0, 1);
                int k = integer(a, "kernel_size", 0, 1);
                int s = integer(a, "stride", 1, 1);
                int p = integer(a, "padding", 0, 0);
                int d = integer(a, "dilation", 1, 1);
                int groups = integer(a, "groups", 1, 1);
                if (shape[0] % groups != 0 || out % groups != 0) {
                    throw new IllegalArgumentException("groups=" + groups + " must divide the " + shape[0]
                            + " input channels and the " + out + " output channels");
                }
                int[] next = windowOut(shape, new Window2d(shape[1], shape[2], k, k, s, s, p, p, d, d));
                next[0] = out;
                return new Layer(Conv2d.builder(shape[0], out, k).stride(s).padding(p).dilation(d).groups(groups)
                        .bias(bool(a, "bias")).rng(rng).dtype(dtype).build(), next);
            }
            case "maxpool2d":
            case "avgpool2d": {
                requireImages(shape);
                int k = integer(a, "kernel_size", 0, 1);
                int s = integer(a, "stride", k, 1);
                int p = integer(a, "padding", 0, 0);
                if (2 * p > k) {
                    throw new IllegalArgumentException("padding " + p + " must be at most half the kernel " + k);
                }
                int[] next = windowOut(shape, new Window2d(shape[1], shape[2], k, k, s, s, p, p, 1, 1));
                return new Layer(name.equals("maxpool2d") ? new MaxPool2d(k, s, p) : new AvgPool2d(k, s, p), next);
            }
            case "adaptiveavgpool2d":
                requireImages(shape);
                if (integer(a, "output_size", 1, 1) != 1) {
                    throw new IllegalArgumentException("only output_size 1 is supported");
                }
                return new Layer(new AdaptiveAvgPool2d(1), new int[]{shape[0], 1, 1});
            case "batchnorm2d":
                requireImages(shape);
                return new Layer(new BatchNorm2d(shape[0], 1e-5, 0.1, dtype), shape);
            case "batchnorm1d":
                if (shape.length != 1 && shape.length != 2) {
                    throw new IllegalArgumentException("expected features [C] or [C, L] as input, got " + Shape.str(shape));
                }
                return new Layer(new BatchNorm1d(shape[0], 1e-5, 0.1, dtype), shape);
            case "flatten":
                return new Layer(new Flatten(), new int[]{Shape.size(shape)});
            case "linear": {
                if (shape.length != 1) {
                    throw new IllegalArgumentException("expected flat features as input, got " + Shape.str(shape)
                            + "; put flatten before it");
                }
                if (!a.containsKey("out_features") && classes < 1) {
                    throw new IllegalArgumentException("expected out_features; only the last linear may omit it");
                }
                int out = integer(a, "out_features", classes, 1);
                return new Layer(new Linear(shape[0], out, true, rng, dtype), new int[]{out});
            }
            case "dropout":
                return new Layer(new Dropout(real(a, "p", 0.5, 0, 1), rng), shape);
            case "leakyrelu":
                return new Layer(new LeakyReLU(real(a, "negative_slope", 0.01, -Double.MAX_VALUE, Double.MAX_VALUE)),
                        shape);
            case "relu":
                return new Layer(new ReLU(), shape);
            case "gelu":
                return new Layer(new GELU(), shape);
            case "tanh":
                return new Layer(new Tanh(), shape);
            case "sigmoid":
                return new Layer(new Sigmoid(), shape);
            default:
                throw new IllegalArgumentException("unknown layer; expected one of " + ARGUMENTS.keySet());
        }
    }

    /** The layer names the language knows, in documentation order. */
    public static List<String> layerNames() {
        return new ArrayList<>(ARGUMENTS.keySet());
    }
}

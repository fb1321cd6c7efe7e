package dev.spendgate.docs;

import dev.spendgate.yaml.YamlNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A YAML node written back as YAML for reading: block mappings, with a mapping or list that fits
 * on its line in flow style, and scalars as they were written (quoted ones in double quotes).
 */
final class YamlText {

    /** The width up to which a mapping or list is written on one line. */
    private static final int WIDTH = 100;

    private YamlText() {
    }

    /** {@code node} (a mapping) as a block, each line ending in a newline. */
    static String block(YamlNode node) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(node, 0)) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static List<String> lines(YamlNode node, int indent) {
        String pad = " ".repeat(indent);
        List<String> out = new ArrayList<>();
        if (node instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries().values()) {
                String head = pad + key(e.key()) + ":";
                String flow = e.value() instanceof YamlNode.Mapping || e.value() instanceof YamlNode.Sequence
                        ? flow(e.value()) : scalar((YamlNode.Scalar) e.value());
                if (head.length() + 1 + flow.length() <= WIDTH || e.value() instanceof YamlNode.Scalar) {
                    out.add(head + " " + flow);
                } else {
                    out.add(head);
                    out.addAll(lines(e.value(), indent + 2));
                }
            }
        } else if (node instanceof YamlNode.Sequence s) {
            for (YamlNode item : s.items()) {
                String flow = flow(item);
                if (pad.length() + 2 + flow.length() <= WIDTH || item instanceof YamlNode.Scalar) {
                    out.add(pad + "- " + flow);
                } else {
                    List<String> inner = lines(item, indent + 2);
                    out.add(pad + "- " + inner.get(0).substring(indent + 2));
                    out.addAll(inner.subList(1, inner.size()));
                }
            }
        } else {
            out.add(pad + scalar((YamlNode.Scalar) node));
        }
        return out;
    }

    private static String flow(YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            List<String> entries = new ArrayList<>();
            m.entries().values().forEach(e -> entries.add(key(e.key()) + ": " + flow(e.value())));
            return "{" + String.join(", ", entries) + "}";
        }
        if (node instanceof YamlNode.Sequence s) {
            return "[" + String.join(", ", s.items().stream().map(YamlText::flow).toList()) + "]";
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        // in flow style, a plain scalar may not hold the flow indicators
        return !s.quoted() && s.text().matches(".*([,\\[\\]{}]|: | #).*") ? quote(s.text()) : scalar(s);
    }

    private static String key(String key) {
        return key.matches("[A-Za-z0-9_.-]+") ? key : quote(key);
    }

    private static String scalar(YamlNode.Scalar s) {
        if (s.quoted()) {
            return quote(s.text());
        }
        return s.value() == null && s.text().isEmpty() ? "null" : s.text();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

package dev.spendgate.yaml;

import dev.spendgate.input.SourceLocation;
import dev.spendgate.input.SourceMap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers over read trees. */
public final class YamlTrees {

    private YamlTrees() {
    }

    /**
     * The source map of a subtree as if it were a document of its own: pointers relative to
     * {@code root} ({@code /spec/ttl}), locations where the nodes stand in {@code file}. Used for
     * manifests embedded in other files, such as a pack's test cases.
     */
    public static SourceMap sourceMap(String file, YamlNode root) {
        Map<String, SourceLocation> out = new LinkedHashMap<>();
        Deque<Map.Entry<String, YamlNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", root));
        while (!todo.isEmpty()) {
            Map.Entry<String, YamlNode> next = todo.pop();
            String pointer = next.getKey();
            YamlNode node = next.getValue();
            out.putIfAbsent(pointer, node.location());
            if (node instanceof YamlNode.Mapping m) {
                for (YamlNode.Entry e : m.entries().values()) {
                    String p = pointer + "/" + YamlReader.escape(e.key());
                    out.putIfAbsent(p, e.keyLocation());
                    todo.push(Map.entry(p, e.value()));
                }
            } else if (node instanceof YamlNode.Sequence s) {
                List<YamlNode> items = s.items();
                for (int i = 0; i < items.size(); i++) {
                    todo.push(Map.entry(pointer + "/" + i, items.get(i)));
                }
            }
        }
        return new SourceMap(file, out);
    }
}

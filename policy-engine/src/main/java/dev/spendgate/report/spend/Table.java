package dev.spendgate.report.spend;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A table of text cells, written with aligned columns (text) or as a GitHub Markdown table. */
final class Table {

    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name starts with {@code >} are right-aligned (numbers). */
    Table(String... columns) {
        header = new ArrayList<>();
        right = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            right[i] = columns[i].startsWith(">");
            header.add(right[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + header.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Columns padded to their widest cell, two spaces apart, each line indented by {@code indent}. */
    void text(Appendable out, String indent) throws IOException {
        int[] width = new int[header.size()];
        for (List<String> r : all()) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : all()) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** A GitHub Markdown table; cells are escaped. */
    void markdown(Appendable out) throws IOException {
        out.append('|');
        for (String h : header) {
            out.append(' ').append(cell(h)).append(" |");
        }
        out.append("\n|");
        for (boolean r : right) {
            out.append(r ? "---:|" : "---|");
        }
        out.append('\n');
        for (List<String> r : rows) {
            out.append('|');
            for (String c : r) {
                out.append(' ').append(cell(c)).append(" |");
            }
            out.append('\n');
        }
    }

    private List<List<String>> all() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** Text safe in a Markdown table cell: one line, pipes escaped, no HTML. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace("\r", " ").replace("\n", " ");
    }
}

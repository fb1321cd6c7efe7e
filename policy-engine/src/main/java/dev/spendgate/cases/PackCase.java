package dev.spendgate.cases;

import dev.spendgate.manifest.SourceLocation;
import dev.spendgate.yaml.YamlNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One engine-neutral test case of a pack: manifests, a policy and a clock in; the findings that
 * must be present ({@code expect}) and the rules that must not fire ({@code absent}) out.
 *
 * @param policy    the case's {@code policy:} body, or null for the pack with its defaults
 * @param manifests the manifest documents as read
 * @param bases     the base versions of manifests ({@code base:}), matched to them by
 *                  {@code metadata.name}: as if the case judged a change against a base revision
 */
public record PackCase(String id, String description, SourceLocation location, Instant now, YamlNode policy,
                       List<YamlNode> manifests, List<YamlNode> bases, List<Expectation> expect, List<String> absent) {

    /** The default clock of cases that set none. */
    public static final Instant DEFAULT_NOW = Instant.parse("2026-11-22T12:00:00Z");

    public PackCase {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(location, "location == null");
        Objects.requireNonNull(now, "now == null");
        description = description == null ? "" : description;
        manifests = List.copyOf(manifests);
        bases = List.copyOf(bases);
        expect = List.copyOf(expect);
        absent = List.copyOf(absent);
    }

    /** A finding that must be present; null fields match anything. */
    public record Expectation(String rule, String manifest, String outcome, String path) {

        public Expectation {
            Objects.requireNonNull(rule, "rule == null");
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(rule);
            if (manifest != null) {
                b.append(" on ").append(manifest);
            }
            if (outcome != null) {
                b.append(" outcome ").append(outcome);
            }
            if (path != null) {
                b.append(" at ").append(path);
            }
            return b.toString();
        }
    }
}

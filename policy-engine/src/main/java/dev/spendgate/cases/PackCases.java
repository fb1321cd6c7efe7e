package dev.spendgate.cases;

import dev.spendgate.error.InvalidInputException;
import dev.spendgate.input.Problem;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.policy.ShippedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds a pack's case files: in a pack folder, or among the shipped packs' resources. */
public final class PackCases {

    /** A case file's name in messages and its bytes. */
    public record CaseFile(String display, byte[] bytes) {
    }

    private PackCases() {
    }

    /** The {@code cases/*.yaml} of a pack folder, sorted by name. */
    public static List<CaseFile> inFolder(Path packDir, String display) throws InvalidInputException {
        Path dir = packDir.resolve("cases");
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(List.of(new Problem(new SourceLocation(display, 1, 1),
                    "pack has no cases/ folder")));
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
            List<CaseFile> out = new ArrayList<>();
            for (Path p : sorted) {
                out.add(new CaseFile(display + "/cases/" + p.getFileName(), Files.readAllBytes(p)));
            }
            return out;
        } catch (IOException e) {
            throw new InvalidInputException(List.of(new Problem(new SourceLocation(display + "/cases", 1, 1),
                    "cannot read: " + e.getMessage())));
        }
    }

    /** The case files of shipped pack {@code id}, listed from the jar or folder that holds them. */
    public static List<CaseFile> shipped(String id) {
        List<CaseFile> out = new ArrayList<>();
        ShippedFiles.list(PackCases.class.getClassLoader(), id, "cases", n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                .forEach((name, bytes) -> out.add(new CaseFile(id + "/cases/" + name, bytes)));
        return out;
    }
}

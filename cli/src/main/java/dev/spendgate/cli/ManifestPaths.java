package dev.spendgate.cli;

import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** The manifest paths every command that reads manifests takes. */
final class ManifestPaths {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Manifest files or folders (default: .spendgate/manifests/ if present, else .).")
    List<Path> paths = List.of();
}

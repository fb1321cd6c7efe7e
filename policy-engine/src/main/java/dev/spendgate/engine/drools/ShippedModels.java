package dev.spendgate.engine.drools;

import dev.spendgate.engine.EngineException;
import dev.spendgate.policy.Pack;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.kie.api.KieBase;

/**
 * Loads the executable models that the build generated from the shipped packs' DRL: no DRL is
 * parsed and nothing is compiled at run time, and the classpath is not scanned for kmodules.
 *
 * <p>The kie-maven-plugin in {@code rule-packs} compiles {@code <pack>/drools/*.drl} (package
 * {@code dev.spendgate.packs.<pack>}) to a class {@code dev.spendgate.packs.<pack>.Rules<hash>}
 * and lists it in {@link #INDEX}; so a shipped pack's id must also be a Java package name.
 */
final class ShippedModels {

    /** Written by the kie-maven-plugin: a version line, then one model class name per line. */
    static final String INDEX = "META-INF/kie/dev.spendgate/spendgate-rule-packs/drools-model";

    /**
     * KieBases are immutable and thread-safe, so each shipped pack's is built once per JVM and
     * class loader, possibly ahead of time on a background thread ({@link #preload}).
     */
    private static final Map<Key, FutureTask<Built>> BUILT = new ConcurrentHashMap<>();

    /**
     * A pack of a class loader. Not a record: a record's equals and hashCode are linked through
     * invokedynamic on their first call, milliseconds of every cold start for this one lookup.
     */
    private static final class Key {
        private final String packId;
        private final ClassLoader loader;

        Key(String packId, ClassLoader loader) {
            this.packId = packId;
            this.loader = loader;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && packId.equals(k.packId) && loader == k.loader;
        }

        @Override
        public int hashCode() {
            return packId.hashCode() * 31 + System.identityHashCode(loader);
        }
    }

    private record Built(KieBase kieBase, String origin, EngineException failure) {
    }

    private ShippedModels() {
    }

    /** The precompiled model of shipped pack {@code pack}, as a KieBase shared by every caller. */
    static DroolsPolicies.PreparedPack load(Pack pack, ClassLoader loader) throws EngineException {
        FutureTask<Built> task = task(pack.id(), loader);
        task.run(); // no-op when it ran (or runs) elsewhere
        Built built;
        try {
            built = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_error", "interrupted while loading the Drools model of " + pack.id(), e);
        } catch (ExecutionException e) {
            throw new EngineException("pack_invalid", "shipped pack " + pack.id() + ": cannot build its Drools model: "
                    + e.getCause(), e.getCause());
        }
        if (built.failure() != null) {
            throw built.failure();
        }
        return new DroolsPolicies.PreparedPack(pack, built.kieBase(), built.origin());
    }

    /**
     * Starts building the KieBase of shipped pack {@code packId} on a daemon thread, so that it is
     * ready (or nearly) when {@link #load} asks for it. Harmless when the pack is never used.
     */
    static void preload(String packId, ClassLoader loader) {
        FutureTask<Built> task = task(packId, loader);
        Thread t = new Thread(task, "spendgate-drools-preload-" + packId);
        t.setDaemon(true);
        t.start();
    }

    private static FutureTask<Built> task(String packId, ClassLoader loader) {
        return BUILT.computeIfAbsent(new Key(packId, loader), k -> new FutureTask<>(() -> {
            try {
                return build(packId, loader);
            } catch (EngineException e) {
                return new Built(null, null, e);
            }
        }));
    }

    private static Built build(String packId, ClassLoader loader) throws EngineException {
        Pack pack = new Pack(packId, "", "shipped", List.of(), Map.of());
        List<String> classes = modelClasses(pack.id(), loader);
        if (classes.isEmpty()) {
            throw new EngineException("pack_invalid", "shipped pack " + pack.id()
                    + " has no precompiled Drools model (no dev.spendgate.packs." + pack.id() + ".Rules* in " + INDEX
                    + "); is spendgate-rule-packs on the classpath?");
        }
        List<Model> models = new ArrayList<>(classes.size());
        for (String name : classes) {
            try {
                models.add((Model) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                throw new EngineException("pack_invalid", "shipped pack " + pack.id()
                        + ": cannot load its precompiled Drools model " + name + ": " + e, e);
            }
        }
        return new Built(KieBaseBuilder.createKieBaseFromModel(models), "precompiled " + String.join(", ", classes), null);
    }

    private static List<String> modelClasses(String packId, ClassLoader loader) throws EngineException {
        String prefix = "dev.spendgate.packs." + packId + ".Rules";
        List<String> found = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return found;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (name.startsWith(prefix) && name.indexOf('.', prefix.length()) < 0) {
                    found.add(name);
                }
            }
        } catch (IOException e) {
            throw new EngineException("pack_invalid", "cannot read " + INDEX + ": " + e.getMessage(), e);
        }
        return found;
    }
}

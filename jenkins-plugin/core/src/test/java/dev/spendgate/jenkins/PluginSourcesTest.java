package dev.spendgate.jenkins;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin (jenkins-plugin/, profile jenkins) is not compiled in the default build, so this reads
 * its sources: the pipeline step and the build step each bind exactly the properties of
 * {@link StepParameters}, each by a one-line getter and {@code @DataBoundSetter} that delegate to
 * the one instance they hold, and the form has a field for each.
 */
class PluginSourcesTest {

    private static final Path PLUGIN = Path.of("../src/main");

    /** Name → type of every property of StepParameters, from its setters. */
    static Set<String> properties() {
        return Arrays.stream(StepParameters.class.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1)
                .map(m -> name(m) + ":" + m.getParameterTypes()[0].getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String name(Method setter) {
        String n = setter.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SpendgateStep", "SpendgateBuilder"})
    void eachStepBindsEveryParameterByDelegating(String step) throws IOException {
        String source = Files.readString(PLUGIN.resolve("java/dev/spendgate/jenkins/plugin/" + step + ".java"));
        assertTrue(source.contains("private final StepParameters parameters = new StepParameters();"), step);
        Set<String> bound = new TreeSet<>();
        Matcher setter = Pattern.compile("@DataBoundSetter public void set(\\w+)\\((\\w+) (\\w+)\\) \\{ parameters\\.set\\1\\(\\3\\); }")
                .matcher(source);
        while (setter.find()) {
            String property = Character.toLowerCase(setter.group(1).charAt(0)) + setter.group(1).substring(1);
            assertEquals(property, setter.group(3), setter.group());
            String getter = ("boolean".equals(setter.group(2)) ? "is" : "get") + setter.group(1);
            assertTrue(source.contains("public " + setter.group(2) + " " + getter + "() { return parameters." + getter + "(); }"),
                    step + ": no getter " + getter + " delegating to StepParameters");
            bound.add(property + ":" + setter.group(2));
        }
        assertEquals(properties(), bound, step);
        assertEquals(bound.size(), source.lines().filter(l -> l.strip().startsWith("@DataBoundSetter")).count(),
                step + ": a @DataBoundSetter that does not delegate");
    }

    @Test
    void theFormHasAFieldForEveryParameter() throws IOException {
        String form = Files.readString(PLUGIN.resolve("resources/dev/spendgate/jenkins/plugin/SpendgateStep/config.jelly"));
        Set<String> fields = new TreeSet<>();
        Pattern.compile("field=\"(\\w+)\"").matcher(form).results().forEach(r -> fields.add(r.group(1)));
        assertEquals(properties().stream().map(p -> p.substring(0, p.indexOf(':'))).collect(Collectors.toCollection(TreeSet::new)),
                fields);
    }

    @Test
    void propertiesAreTheDocumentedParameters() {
        assertEquals(List.of("engine", "failOn", "jar", "java", "now", "opaUrl", "paths", "policy", "prices", "reportDir",
                "unstableOnBlock"), properties().stream().map(p -> p.substring(0, p.indexOf(':'))).toList());
    }
}

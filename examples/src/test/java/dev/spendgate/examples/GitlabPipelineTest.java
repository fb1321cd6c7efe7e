package dev.spendgate.examples;

import dev.spendgate.cli.Cli;
import dev.spendgate.gitlab.FakeGitLab;
import dev.spendgate.gitlab.MergeRequestNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitLab pipeline and the CI/CD component, read as GitLab reads them (YAML, the component's
 * {@code spec:} header then the job) and their gate command run as the job would, in a merge request
 * pipeline against a local server speaking GitLab's REST API v4: the reports the artifacts name are
 * written, the job fails when the gate blocks, and the note is created.
 */
class GitlabPipelineTest {

    @TempDir
    Path tmp;

    @Test
    void theExamplePipelineGatesMergeRequests() throws Exception {
        Map<String, Object> job = job(Files.readString(Path.of("gitlab/.gitlab-ci.yml")));
        String command = command(job);
        assertEquals("java -jar spendgate.jar check --format gitlab --output gl-code-quality-report.json --junit"
                + " spendgate-junit.xml --report spendgate.json --gitlab-note --comment-when findings,cost-change", command);
        runsAsTheJobDoes(job, command);
    }

    @Test
    void theComponentDoesTheSameWithItsDefaultInputs() throws Exception {
        String text = Files.readString(Path.of("../templates/spendgate.yml"));
        Map<String, Object> spec = map(documents(text).get(0).get("spec"));
        Map<String, Object> inputs = map(spec.get("inputs"));
        // the job as GitLab interpolates it with the inputs' defaults
        Matcher m = Pattern.compile("\\$\\[\\[ inputs\\.([a-z-]+) ]]").matcher(text.substring(text.indexOf("\n---\n")));
        StringBuilder job = new StringBuilder();
        while (m.find()) {
            assertTrue(inputs.containsKey(m.group(1)), "input " + m.group(1) + " is declared in spec:inputs");
            m.appendReplacement(job, Matcher.quoteReplacement(String.valueOf(map(inputs.get(m.group(1))).get("default"))));
        }
        m.appendTail(job);
        Map<String, Object> interpolated = job(job.toString());
        // the two script lines before the command set NOTE and OPA as a shell would with these defaults
        String command = command(interpolated).replace("$NOTE", "--gitlab-note").replace("$OPA", "")
                .replaceAll("\"", "").replaceAll(" +", " ");
        assertTrue(command.contains("--gitlab-token-env SPENDGATE_GITLAB_TOKEN --comment-when always"), command);
        runsAsTheJobDoes(interpolated, command.replace("--policy .spendgate/policy.yaml", ""));
    }

    private void runsAsTheJobDoes(Map<String, Object> job, String command) throws Exception {
        assertEquals(List.of(Map.of("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"")), job.get("rules"));
        assertEquals("0", map(job.get("variables")).get("GIT_DEPTH"), "the merge base must be in the clone");
        Map<String, Object> artifacts = map(job.get("artifacts"));
        assertEquals("always", artifacts.get("when"), "reports of a blocked job are kept");
        Map<String, Object> reports = map(artifacts.get("reports"));

        Path work = tmp.resolve("project");
        Files.createDirectories(work.resolve(".spendgate/manifests"));
        Files.copy(Path.of("manifests/training/llama-finetune.yaml"), work.resolve(".spendgate/manifests/llama-finetune.yaml"));
        List<String> args = new ArrayList<>(List.of(command.strip().split(" ")));
        assertEquals(List.of("java", "-jar", "spendgate.jar", "check"), args.subList(0, 4));
        args = new ArrayList<>(args.subList(3, args.size()));
        for (int i = 0; i < args.size() - 1; i++) {
            if (List.of("--output", "--junit", "--report").contains(args.get(i))) {
                args.set(i + 1, work.resolve(args.get(i + 1)).toString());
            }
        }
        args.addAll(List.of("-C", work.toString(), "--now", Run.NOW));
        try (FakeGitLab gitlab = new FakeGitLab()) {
            Map<String, String> env = new HashMap<>(gitlab.environment());
            env.put("SPENDGATE_GITLAB_TOKEN", FakeGitLab.TOKEN);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] argv = args.toArray(String[]::new);
            int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), argv, env).execute(argv);
            assertEquals(1, code, "the gate blocks, so the job fails\n" + err);
            assertTrue(err.toString().contains("created the spendgate note on !7"), err.toString());
            assertEquals(1, gitlab.notes.size());
            assertTrue(gitlab.notes.values().iterator().next().startsWith(MergeRequestNote.MARKER));
        }
        String quality = Files.readString(work.resolve((String) reports.get("codequality")));
        assertTrue(quality.startsWith("[") && quality.contains("\"check_name\": \"spendgate/SG-BUD-003\""), quality);
        assertTrue(Files.readString(work.resolve((String) reports.get("junit"))).contains("<testsuites"));
        assertTrue(((List<?>) artifacts.get("paths")).contains("spendgate.json"));
        assertTrue(Files.isRegularFile(work.resolve("spendgate.json")));
    }

    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            out.add(map(doc));
        }
        return out;
    }

    /** The job {@code spendgate} of the last document. */
    private static Map<String, Object> job(String yaml) {
        List<Map<String, Object>> docs = documents(yaml);
        return map(docs.get(docs.size() - 1).get("spendgate"));
    }

    /** The script's last line, the gate's command, folded as YAML folds it. */
    private static String command(Map<String, Object> job) {
        List<?> script = (List<?>) job.get("script");
        return String.valueOf(script.get(script.size() - 1)).strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}

package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule options of run and compare: every rule on both engines, what run.json records, and refusals. */
class RuleOptionsTest {

    /**
     * Each rule, with settings other than its defaults where it takes some, runs on both engines (adam,
     * signgd and muon in bfloat16 on the reduced engine with --basis canonical); run.json's rule block names
     * the rule, whether it is rotation-equivariant, and every setting with its value; the settings given
     * change the reduced engine's trajectory (it differs from the run at the rule's defaults), so none is
     * ignored (the full engine runs the same rule object: RuleReductionTest).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "gd       |                                                                 | name=gd rotation-equivariant=true",
        "specgd   |                                                                 | name=specgd rotation-equivariant=true",
        "muon     | --momentum 0.9 --nesterov false --ns-steps 3 --ns-eps 0          | name=muon rotation-equivariant=true momentum=0.9 nesterov=false ns-steps=3 ns-eps=0 ns-precision=double orthogonalizer=newton-schulz",
        "muon     | --orthogonalizer polar --momentum 0.5                           | name=muon rotation-equivariant=true momentum=0.5 nesterov=true ns-steps=5 ns-eps=1e-7 ns-precision=double orthogonalizer=polar",
        "muon     | --ns-precision bf16 --basis canonical                           | name=muon rotation-equivariant=false momentum=0.95 nesterov=true ns-steps=5 ns-eps=1e-7 ns-precision=bf16 orthogonalizer=newton-schulz",
        "momentum | --momentum 0.8 --nesterov true                                  | name=momentum rotation-equivariant=true momentum=0.8 nesterov=true",
        "ngd      |                                                                 | name=ngd rotation-equivariant=true",
        "adam     | --beta1 0.8 --beta2 0.99 --adam-eps 1e-6 --basis canonical      | name=adam rotation-equivariant=false beta1=0.8 beta2=0.99 adam-eps=1e-6",
        "signgd   | --basis canonical                                               | name=signgd rotation-equivariant=false",
    })
    void everyRuleRunsOnBothEnginesAndRecordsItsSettings(String algo, String settings, String expected,
                                                         @TempDir Path tmp) throws IOException {
        List<String> options = settings == null ? List.of() : List.of(settings.trim().split("\\s+"));
        Map<String, Object> block = parse(expected);
        for (String engine : List.of("reduced", "full")) {
            Path out = tmp.resolve(engine);
            CliHarness r = CliHarness.run(argv(engine, algo, options, out));
            assertEquals(0, r.exitCode, engine + ": " + r.err);
            @SuppressWarnings("unchecked")
            Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json")));
            @SuppressWarnings("unchecked")
            Map<String, Object> rule = new LinkedHashMap<>((Map<String, Object>) manifest.get("rule"));
            rule.remove("ns-coefficients");
            assertEquals(block, rule, engine);
            List<String> defaults = options.contains("--basis") ? List.of("--basis", "canonical") : List.of();
            if (engine.equals("reduced") && options.size() > defaults.size()) {
                Path plain = tmp.resolve(engine + "-defaults");
                assertEquals(0, CliHarness.run(argv(engine, algo, defaults, plain)).exitCode);
                assertNotEquals(Files.readString(plain.resolve("trajectory.csv")),
                        Files.readString(out.resolve("trajectory.csv")), engine + ": the settings change the run");
            }
        }
    }

    /**
     * compare with a basis-dependent rule in the canonical basis: the two engines agree to round-off in both
     * stages (RuleReductionTest measures 2e-15 on the spiked problem, d = 16), and nothing leaves the manifold.
     * 250 steps end before Muon's signal turns back at 1 (step 284 at lr 0.005; with 300 steps its stage II
     * already measures 9.3e-13). Adam with beta1 0.5, beta2 0.9 is not among these: its short second-moment
     * memory normalises round-off-sized gradient entries near the minimiser, and over 300 steps its stage II
     * deviates by 2.6e-5 (specdyn compare --algo adam --basis canonical --beta1 0.5 --beta2 0.9 --d 16
     * --lr 0.005 --steps 300).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--algo adam --lr 0.005",
        "--algo adam --beta1 0.8 --beta2 0.99 --lr 0.005",
        "--algo signgd --lr 0.002",
        "--algo muon --ns-precision bf16 --lr 0.005",
    })
    void compareAgreesInTheCanonicalBasis(String args, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cmp");
        List<String> argv = new ArrayList<>(List.of("compare", "--basis", "canonical", "--d", "16", "--steps", "250",
                "--out", out.toString()));
        argv.addAll(List.of(args.trim().split("\\s+")));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) ((Map<String, Object>) Json.parse(
                Files.readString(out.resolve("compare.json")))).get("summary");
        assertTrue((Double) summary.get("stage_I_max_rel_dev") < 1e-12, summary.toString());
        assertTrue((Double) summary.get("stage_II_max_rel_dev") < 1e-12, summary.toString());
        assertEquals(-1.0, summary.get("first_off_manifold_step"));
    }

    /**
     * Bad rule settings (those not already in RunCommandTest and FullCommandsTest): exit 2, one line naming
     * the option, nothing written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--algo muon --orthogonalizer svd                      | --orthogonalizer must be newton-schulz or polar (got 'svd')",
        "--algo muon --orthogonalizer polar --ns-steps 3       | --ns-steps applies to the Newton-Schulz iteration, not to the exact polar factor",
        "--algo muon --orthogonalizer polar --ns-precision bf16 | --ns-precision applies to the Newton-Schulz iteration, not to the exact polar factor",
        "--algo muon --ns-precision bf16                       | --basis must be canonical for muon on the reduced engine",
        "--algo muon --ns-eps NaN                              | --ns-eps must be a finite number >= 0 (got 'NaN')",
        "--algo momentum --momentum -0.1                       | --momentum must be a number in [0, 1) (got '-0.1')",
        "--algo momentum --adam-eps 1e-8                       | --adam-eps does not apply to momentum (it applies to adam)",
        "--algo adam --basis canonical --adam-eps -1           | --adam-eps must be a finite number > 0 (got '-1')",
        "--algo ngd --momentum 0.5                             | --momentum does not apply to ngd (it applies to muon and momentum)",
        "--algo specgd --ns-steps 5                            | --ns-steps does not apply to specgd (it applies to muon)",
        "--algo gd --orthogonalizer polar                      | --orthogonalizer does not apply to gd (it applies to muon)",
        "--engine full --algo adam --momentum 0.9              | --momentum does not apply to adam (it applies to muon and momentum)",
    })
    void refusesBadRuleSettings(String args, String message, @TempDir Path tmp) throws IOException {
        // compare takes the same options (one mixin); it is checked on the settings that conflict
        boolean compare = args.contains("orthogonalizer") || args.contains("ns-precision");
        for (String command : compare ? List.of("run", "compare") : List.of("run")) {
            Path out = tmp.resolve("out");
            List<String> argv = new ArrayList<>(List.of(command));
            argv.addAll(List.of(args.trim().split("\\s+")));
            argv.addAll(List.of("--steps", "3", "--out", out.toString()));
            CliHarness r = CliHarness.run(argv.toArray(String[]::new));
            assertEquals(2, r.exitCode, command + ": " + r.err);
            assertEquals(1, r.err.strip().lines().count(), r.err);
            String expected = message.trim();
            if (command.equals("compare") && expected.startsWith("--basis must be canonical")) {
                continue; // compare builds its reduced run from --basis and says so in its own words
            }
            assertTrue(r.err.startsWith("specdyn " + command + ": " + expected), command + ": " + r.err);
            try (Stream<Path> s = Files.list(tmp)) {
                assertEquals(0, s.count(), "nothing written");
            }
        }
    }

    private static String[] argv(String engine, String algo, List<String> options, Path out) {
        List<String> argv = new ArrayList<>(List.of("run", "--engine", engine, "--algo", algo, "--d", "8", "--lr",
                "0.01", "--steps", "20", "--every", "10", "--out", out.toString()));
        argv.addAll(options);
        return argv.toArray(String[]::new);
    }

    /** "key=value ..." as the JSON parser reads run.json: numbers as doubles, true/false as booleans. */
    private static Map<String, Object> parse(String pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String pair : pairs.trim().split("\\s+")) {
            String[] kv = pair.split("=", 2);
            Object value;
            if (kv[1].equals("true") || kv[1].equals("false")) {
                value = Boolean.parseBoolean(kv[1]);
            } else {
                try {
                    value = Double.parseDouble(kv[1]);
                } catch (NumberFormatException e) {
                    value = kv[1];
                }
            }
            m.put(kv[0], value);
        }
        return m;
    }
}

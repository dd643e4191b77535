package io.specdyn.explore;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's parameters, read from a query string and turned into the arguments of {@code specdyn
 * run}: one list per rule. Only the options below are accepted, each passed to the command as
 * {@code --name value} and checked by it; nothing in a request names a file.
 *
 * <ul>
 *   <li>shared by both rules: {@code spectrum} (spiked or power-law), {@code kappa}, {@code alpha},
 *       {@code d}, {@code init-scale}, {@code steps};</li>
 *   <li>the first rule: {@code algo}, {@code lr}, {@code schedule}, {@code warmup}, {@code lr-min},
 *       {@code momentum}, {@code nesterov}, {@code ns-steps}, {@code basis}; the second rule the same
 *       names ending in {@code 2}, present when {@code algo2} is.</li>
 * </ul>
 *
 * An empty value is the option not given (the command's default).
 */
public final class ExploreRequest {
    /** Options both rules share: the problem, its start and the length of the run. */
    public static final List<String> SHARED = List.of("spectrum", "kappa", "alpha", "d", "init-scale", "steps");
    /** Options of one rule; the second rule's end in {@code 2}. */
    public static final List<String> RULE = List.of("algo", "lr", "schedule", "warmup", "lr-min", "momentum", "nesterov",
            "ns-steps", "basis");
    /** Spectra the page may ask for (a file spectrum would read a file). */
    static final List<String> SPECTRA = List.of("spiked", "power-law");
    private static final int MAX_QUERY = 4096;
    private static final int MAX_VALUE = 64;

    private ExploreRequest() {
    }

    /**
     * The parameters of a query string, in order.
     *
     * @throws Refusal (400) for a malformed or overlong query, a repeated or unknown name, or a
     *                 spectrum other than spiked and power-law
     */
    public static Map<String, String> parse(String query, List<String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        if (query.length() > MAX_QUERY) {
            throw new Refusal(400, "explore: the query has " + query.length() + " characters, more than " + MAX_QUERY);
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException e) {
                throw new Refusal(400, "explore: malformed query (" + e.getMessage() + ")");
            }
            if (!known(name) && !extra.contains(name)) {
                throw new Refusal(400, "explore: unknown parameter '" + clip(name) + "' (accepted: "
                        + String.join(", ", SHARED) + ", " + String.join(", ", RULE) + ", and the same ending in 2"
                        + (extra.isEmpty() ? "" : ", " + String.join(", ", extra)) + ")");
            }
            if (params.put(name, value) != null) {
                throw new Refusal(400, "explore: parameter '" + name + "' given twice");
            }
            if (value.length() > MAX_VALUE) {
                throw new Refusal(400, "explore: " + name + " has " + value.length() + " characters, more than "
                        + MAX_VALUE);
            }
        }
        String spectrum = params.getOrDefault("spectrum", "");
        if (!spectrum.isEmpty() && !SPECTRA.contains(spectrum)) {
            throw new Refusal(400, "explore: spectrum must be spiked or power-law (got '" + clip(spectrum)
                    + "'; explore reads no spectrum file: use specdyn run --spectrum file:PATH)");
        }
        return params;
    }

    /**
     * The arguments of {@code specdyn run} for each rule the parameters ask for: the first always,
     * the second when {@code algo2} is given. The rule's options come first, then the shared ones, in the
     * order of {@link #SHARED} and {@link #RULE}.
     */
    public static List<List<String>> argvs(Map<String, String> params) {
        List<List<String>> runs = new ArrayList<>();
        runs.add(argv(params, ""));
        if (!params.getOrDefault("algo2", "").isEmpty()) {
            runs.add(argv(params, "2"));
        }
        return runs;
    }

    private static List<String> argv(Map<String, String> params, String suffix) {
        List<String> argv = new ArrayList<>();
        for (String name : RULE) {
            add(argv, name, params.get(name + suffix));
        }
        for (String name : SHARED) {
            add(argv, name, params.get(name));
        }
        return argv;
    }

    private static void add(List<String> argv, String name, String value) {
        if (value != null && !value.isEmpty()) {
            argv.add("--" + name);
            argv.add(value);
        }
    }

    private static boolean known(String name) {
        String base = name.endsWith("2") ? name.substring(0, name.length() - 1) : name;
        return SHARED.contains(name) || RULE.contains(name) || RULE.contains(base);
    }

    private static String clip(String s) {
        return Refusal.quote(s, 40);
    }
}

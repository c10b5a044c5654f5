package org.cffi4j.benchmarks.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cffi4j.codegen.CdefSource;
import org.cffi4j.codegen.Embedder;
import org.cffi4j.codegen.EmbeddingSpec;

/**
 * The embedding benchmark: builds libadd.so (an embedded library whose add is {@link
 * BenchPlugin#add}) and the C program embedding_bench.c, runs the program in fresh processes and
 * prints one markdown table: a call from C through the embedded function, through {@code
 * ffi.callback} and through a raw FFM upcall stub (median over the processes of each one's best
 * round), and the first call's latency, the JVM's start included. Also writes embedding.csv.
 *
 * <p>Arguments: the output directory, the C source, the number of processes, calls per round.
 */
public final class EmbeddingBench {
    private static final String CDEF = """
            typedef int (*int_op)(int a, int b);
            int add(int a, int b);
            int_op callback_add(void);
            int_op raw_upcall_add(void);
            """;

    private EmbeddingBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args output directory, C source, processes, calls per round
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        Path source = Path.of(args[1]).toAbsolutePath();
        int processes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String calls = args.length > 3 ? args[3] : "10000000";
        String jar = Path.of(BenchPlugin.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Embedder.build(
                EmbeddingSpec.of(BenchPlugin.class.getName(), List.of(new CdefSource("add.cdef", CDEF)), List.of(jar))
                        .withLibraryName("add")
                        .withJavaHome(System.getProperty("java.home")),
                out);
        Path program = out.resolve("embedding_bench");
        run(List.of(
                "cc",
                "-O2",
                "-o",
                program.toString(),
                source.toString(),
                "-I" + out,
                "-L" + out,
                "-ladd",
                "-Wl,-rpath," + out));
        Map<String, List<Double>> results = new HashMap<>();
        for (int i = 0; i < processes; i++) {
            for (String line : run(List.of(program.toString(), calls)).lines().toList()) {
                String[] kv = line.split(" ");
                results.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
            }
        }
        print(results, processes, calls, out);
    }

    private static void print(Map<String, List<Double>> r, int processes, String calls, Path out) throws IOException {
        double embedded = median(r.get("embedded_ns"));
        double callback = median(r.get("callback_ns"));
        double raw = median(r.get("raw_upcall_ns"));
        String table = String.format(
                Locale.ROOT,
                """
                | C -> Java, timed from C | embedded function | ffi.callback | raw FFM upcall stub | embedded / ffi.callback |
                |---|---|---|---|---|
                | one call of int add(int, int), ns | %.2f | %.2f | %.2f | %.2fx |
                | first call, JVM start included, ms | %.0f (min %.0f, max %.0f) | | | |

                Median over %d processes of each one's best of 7 rounds of %s calls (after 3 rounds of warm-up).
                """,
                embedded,
                callback,
                raw,
                embedded / callback,
                median(r.get("first_call_ms")),
                r.get("first_call_ms").stream().mapToDouble(d -> d).min().orElse(0),
                r.get("first_call_ms").stream().mapToDouble(d -> d).max().orElse(0),
                processes,
                calls);
        System.out.print(table);
        Files.writeString(
                out.resolve("embedding.csv"),
                String.format(
                        Locale.ROOT,
                        "case,embedded,callback,raw\ncall_ns,%.3f,%.3f,%.3f\nfirst_call_ms,%.1f,,\n",
                        embedded,
                        callback,
                        raw,
                        median(r.get("first_call_ms"))));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("CFFI4J_JAVA_HOME");
        pb.environment().remove("CFFI4J_JVM_OPTIONS");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
        }
        return output;
    }
}

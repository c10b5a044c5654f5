package org.cffi4j.misuse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.testing.ForkedJvm;

/** The parsed output of one forked {@link MisuseMain}: what each case threw, and whether the JVM lived on. */
final class GroupRun {
    /** What one case did: the exception (or "normally" if it returned) and whether a C call worked after it. */
    record Outcome(String thrownClass, String message, String returned, boolean aliveAfter) {}

    final ForkedJvm.Result result;
    final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    final boolean done;

    GroupRun(ForkedJvm.Result result) {
        this.result = result;
        List<String> lines = result.lines();
        String name = null;
        Outcome current = null;
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            switch (parts[0]) {
                case "CASE" -> {
                    name = rest;
                    current = new Outcome(null, null, null, false);
                }
                case "THROWN" -> {
                    String[] cm = rest.split(" ", 2);
                    current = new Outcome(cm[0], Protocol.unescape(cm.length > 1 ? cm[1] : ""), null, false);
                }
                case "RETURNED" -> current = new Outcome(null, null, Protocol.unescape(rest), false);
                case "JVM-ALIVE" ->
                    current = new Outcome(current.thrownClass(), current.message(), current.returned(), true);
                default -> {}
            }
            if (name != null) {
                outcomes.put(name, current);
            }
        }
        done = lines.contains("GROUP-DONE");
    }
}

package org.cffi4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFI;

/**
 * One fuzz run: gives each input to its FFI, checks the outcome against cdef's contract and, after
 * a failure on a kept FFI, the rollback; tallies the outcomes and collects the violations.
 */
final class FuzzRun {
    /** Violations to collect before stopping: enough to see a pattern, few enough to read. */
    private static final int MAX_VIOLATIONS = 5;
    /** The rollback is checked after one failure in this many: the check asks the FFI dozens of questions. */
    private static final int ROLLBACK_CHECK_EVERY = 4;

    private final FuzzInputs inputs;
    private final SharedFfi base;
    private final SharedFfi stdio;
    private final List<String> violations = new ArrayList<>();
    private int accepted;
    private int rejected;

    FuzzRun(FuzzInputs inputs) {
        this.inputs = inputs;
        this.base = new SharedFfi(CdefSeeds.named("base declarations").text());
        this.stdio = inputs.hasStdio() ? new SharedFfi(CdefSeeds.stdio().text()) : null;
    }

    /** Runs inputs 0 to {@code count - 1}, or until a few violations are found. */
    void run(Watchdog dog, int count) {
        for (int i = 0; i < count && violations.size() < MAX_VIOLATIONS; i++) {
            dog.begin(i);
            String problem = check(inputs.input(i));
            if (problem != null) {
                violations.add(describe(i) + "\n  " + problem);
            }
        }
    }

    private String check(FuzzInputs.Input in) {
        SharedFfi shared = switch (in.target()) {
            case FRESH -> null;
            case BASE -> base;
            case STDIO -> stdio;
        };
        FFI ffi = shared == null ? new FFI() : shared.current();
        CdefContract.Outcome outcome = CdefContract.run(ffi, in.text(), in.options());
        if (outcome.accepted()) {
            accepted++;
            if (shared != null) {
                shared.reset();
            }
            return null;
        }
        rejected++;
        if (outcome.violation() == null && shared != null && rejected % ROLLBACK_CHECK_EVERY == 0) {
            return shared.rollbackViolation(in.text());
        }
        return outcome.violation();
    }

    /** Input {@code index} as a failure message shows it, with what it takes to replay it. */
    String describe(int index) {
        return "seed " + inputs.seed() + ", " + inputs.input(index).describe();
    }

    List<String> violations() {
        return violations;
    }

    int accepted() {
        return accepted;
    }

    int rejected() {
        return rejected;
    }
}

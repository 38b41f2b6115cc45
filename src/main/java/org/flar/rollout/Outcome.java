package org.flar.rollout;

import java.util.List;

/**
 * What became of one host.
 *
 * @param status  the host's verdict, see {@link Status}
 * @param applied archives deployed onto it in this run
 * @param detail  one line: the reason, the drifted files, the error
 * @param log     the host's log file
 */
public record Outcome(Host host, Status status, List<String> applied, String detail, String log) {
    public enum Status {
        /** The chain was deployed (or, with --check, would be: READY). */
        UPDATED, READY,
        /** Already at the chain's end state: skipped. */
        DONE,
        /** Refused by the drift check: skipped, its files named; not a failure of the rollout. */
        DRIFTED,
        /** Unreachable, no or an incompatible flar, a refused archive, a lost connection, a failed deploy. */
        FAILED,
        /** Not tried: the canaries or max-failures stopped the rollout first. */
        NOT_STARTED;

        public boolean failed() {
            return this == FAILED;
        }
    }
}

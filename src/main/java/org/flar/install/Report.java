package org.flar.install;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * What a machine tells the install server as it goes ({@code POST /install/report}): the step it
 * is at, how far, and at the end whether it worked. Everything in it comes from the network, so
 * it is checked (a MAC, a known state, bounded text) before the server keeps or shows it.
 *
 * @param mac     the machine's MAC, as in its hello
 * @param state   installing, done or failed
 * @param step    the step it is at ("deploy ...", "install the boot loader"), or null
 * @param percent how far the deployment is, 0-100, or -1 when unknown
 * @param message a line for the log and, when failed, the reason
 */
public record Report(String mac, State state, String step, int percent, String message) {
    public enum State {
        @JsonProperty("installing") INSTALLING,
        @JsonProperty("done") DONE,
        @JsonProperty("failed") FAILED
    }

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    /** Longer text is cut: a report is a line on a table and in a log, not a transfer. */
    static final int TEXT_LIMIT = 2000;

    /** The report as received, or an IllegalArgumentException saying what is wrong with it. */
    public Report checked() {
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("mac: not a MAC address (52:54:00:12:34:56)");
        }
        if (state == null) {
            throw new IllegalArgumentException("state: installing, done or failed");
        }
        if (percent < -1 || percent > 100) {
            throw new IllegalArgumentException("percent: 0-100, or -1");
        }
        return new Report(mac, state, cut(step), percent, cut(message));
    }

    private static String cut(String s) {
        return s == null || s.length() <= TEXT_LIMIT ? s : s.substring(0, TEXT_LIMIT) + "...";
    }
}

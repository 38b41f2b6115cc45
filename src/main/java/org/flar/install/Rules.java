package org.flar.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rules file (docs/install-server.md): which profile each machine installs with. Exactly one
 * rule may claim a machine; an {@code any} rule claims it only when no other does. Two rules
 * for one machine are an error rather than "the first wins", because a line added above another
 * would otherwise silently re-image machines with another profile.
 */
public record Rules(Path file, List<Rule> rules) {

    /** Why a machine gets no profile: it waits, and this is what its console and the server say. */
    public static final class NoMatchException extends Exception {
        NoMatchException(String message) {
            super(message);
        }
    }

    public static Rules parse(Path file) throws IOException {
        Rules r = new Rules(file, RulesParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        r.checkStatically();
        return r;
    }

    /** Errors any boot would hit: two any rules, one MAC claimed twice. */
    private void checkStatically() throws InstallSyntaxException {
        Rule any = null;
        Map<String, Rule> macs = new HashMap<>();
        for (Rule r : rules) {
            if (r.isAny()) {
                if (any != null) {
                    throw new InstallSyntaxException(r.where() + ": a second 'any' rule (the first is " + any.where() + ")");
                }
                any = r;
            }
            for (Condition c : r.conditions()) {
                if (c.mac() != null && macs.putIfAbsent(c.mac(), r) != null) {
                    throw new InstallSyntaxException(r.where() + ": mac " + c.mac() + " is claimed by "
                            + macs.get(c.mac()).where() + " too");
                }
            }
        }
    }

    /** The one rule for {@code m}; its absence or a conflict is said in one line. */
    public Rule match(Machine m) throws NoMatchException {
        List<Rule> specific = rules.stream().filter(r -> !r.isAny() && r.matches(m)).toList();
        if (specific.size() > 1) {
            throw new NoMatchException(m.describe() + ": claimed by " + specific.size() + " rules: "
                    + String.join(", ", specific.stream().map(r -> r.where() + " (" + r.profile() + ")").toList())
                    + "; make them exclusive");
        }
        if (specific.size() == 1) {
            return specific.getFirst();
        }
        return rules.stream().filter(Rule::isAny).findFirst().orElseThrow(() -> new NoMatchException(m.describe()
                + ": no rule in " + file + " matches (arch " + m.arch() + ", disks " + m.disks() + "); add one, or an 'any' rule"));
    }
}

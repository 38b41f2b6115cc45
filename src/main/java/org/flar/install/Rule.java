package org.flar.install;

import java.util.List;

/**
 * One line of a rules file: conditions joined by {@code &&} and the profile a matching machine
 * installs with.
 *
 * @param where "rules:LINE", for messages
 */
public record Rule(List<Condition> conditions, String profile, String where) {

    boolean matches(Machine m) {
        return conditions.stream().allMatch(c -> c.matches(m));
    }

    boolean isAny() {
        return conditions.stream().allMatch(c -> c instanceof Condition.Any);
    }
}

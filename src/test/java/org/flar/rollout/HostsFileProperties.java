package org.flar.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The hosts file parser: what it accepts round-trips, and every refusal names the file and line. */
class HostsFileProperties {
    @Property
    void hostsComeBackInOrderWithTheirRoots(@ForAll @Size(min = 1, max = 20) List<@AlphaChars @NumericChars @StringLength(min = 1, max = 20) String> names) {
        StringBuilder text = new StringBuilder("# comment\n\n");
        List<String> distinct = names.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i++) {
            text.append("root@").append(distinct.get(i)).append(i % 2 == 0 ? "" : " root=/srv/" + i).append("  # note\n");
        }
        List<Host> hosts = HostsFile.parse(text.toString(), "h");
        assertThat(hosts).extracting(Host::destination).containsExactlyElementsOf(distinct.stream().map(n -> "root@" + n).toList());
        for (int i = 0; i < hosts.size(); i++) {
            assertThat(hosts.get(i).root()).isEqualTo(i % 2 == 0 ? "/" : "/srv/" + i);
        }
    }

    @Property
    void anythingElseIsRefusedNamingTheLine(@ForAll @StringLength(min = 1, max = 30) String junk) {
        String text = "good\n" + junk.replace("\n", " ").replace("#", "") + " root=relative\n";
        if (text.lines().skip(1).findFirst().orElse("").isBlank()) {
            return;
        }
        assertThatThrownBy(() -> HostsFile.parse(text, "web.hosts")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("web.hosts:2: ");
    }
}

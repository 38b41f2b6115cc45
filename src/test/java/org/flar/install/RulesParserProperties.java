package org.flar.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The rules syntax: what is written is what is parsed, and any text is a rule list or one located error. */
class RulesParserProperties {

    record Written(String text, String profile, int conditions) {
    }

    @Provide
    Arbitrary<Written> rules() {
        Arbitrary<String> mac = Arbitraries.integers().between(0, 255).list().ofSize(6)
                .map(b -> "mac " + String.join(":", b.stream().map(x -> String.format("%02x", x)).toList()));
        Arbitrary<String> host = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).map(h -> "hostname " + h + "*");
        Arbitrary<String> arch = Arbitraries.of("x86_64", "aarch64").map(a -> "arch " + a);
        Arbitrary<String> disk = Arbitraries.integers().between(1, 500).map(g -> "disksize " + g + "G-");
        Arbitrary<List<String>> conditions = Arbitraries.oneOf(mac, host, arch, disk).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<String> profile = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10).map(p -> p + ".profile");
        Arbitrary<String> blanks = Arbitraries.of(" ", "  ", "\t", " \t ");
        return Combinators.combine(conditions, profile, blanks).as((c, p, b) ->
                new Written(b + String.join(b + "&&" + b, c) + b + p + b + "# comment", p, c.size()));
    }

    @Property
    void aWrittenRuleParsesBackToItsConditionsAndProfile(@ForAll("rules") Written w) throws InstallSyntaxException {
        List<Rule> parsed = RulesParser.parse("# rules\n\n" + w.text() + "\n", "rules");
        assertThat(parsed).singleElement().satisfies(r -> {
            assertThat(r.profile()).isEqualTo(w.profile());
            assertThat(r.conditions()).hasSize(w.conditions());
            assertThat(r.where()).isEqualTo("rules:3");
        });
    }

    @Property
    void anyTextParsesOrFailsWithAPositionInsideIt(@ForAll("lines") String text) {
        try {
            RulesParser.parse(text, "r");
        } catch (InstallSyntaxException e) {
            assertThat(e.getMessage()).matches("r:\\d+:\\d+: .+");
            String[] pos = e.getMessage().split(":");
            int line = Integer.parseInt(pos[1]);
            assertThat(line).isBetween(1, text.split("\n", -1).length);
            assertThat(Integer.parseInt(pos[2])).isBetween(1, Math.max(1, text.split("\n", -1)[line - 1].length() + 1));
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of("mac", "hostname", "arch", "disksize", "any", "-", "&&",
                "52:54:00:aa:bb:cc", "10G-", "-5G", "x", "#", "p.profile", "9999999999999T-"),
                Arbitraries.strings().withChars("ab:-&#G1").ofMaxLength(5));
        Arbitrary<String> line = word.list().ofMaxSize(6).map(ws -> String.join(" ", ws));
        return line.list().ofMinSize(1).ofMaxSize(4).map(ls -> String.join("\n", ls));
    }

    @Property
    void aBadMacIsPointedAtByColumn(@ForAll("rules") Written w) {
        String text = "mac 52:54:00:zz:00:01 && " + w.text();
        assertThatThrownBy(() -> RulesParser.parse(text, "rules")).hasMessage("rules:1:5: not a MAC address: '52:54:00:zz:00:01' (52:54:00:12:34:56)");
    }
}

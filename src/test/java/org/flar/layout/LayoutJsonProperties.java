package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any bytes, and any small damage to a good layout, give a layout or a LayoutException: never anything else. */
class LayoutJsonProperties {
    private static final byte[] GOOD = LayoutJson.write(LayoutFixtures.mbrLvm());

    @Property(tries = 500)
    void damagedLayoutsAreRefusedCleanly(@ForAll("damaged") byte[] json) {
        try {
            Layout l = LayoutJson.read(json, "p");
            assertThat(l.fileSystemAt("/")).isPresent();
        } catch (LayoutException e) {
            assertThat(e.getMessage()).startsWith("p");
        }
    }

    @Property(tries = 200)
    void garbageIsRefusedCleanly(@ForAll byte[] json) {
        try {
            LayoutJson.read(json, "p");
        } catch (LayoutException e) {
            assertThat(e.getMessage()).startsWith("p");
        }
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        return Arbitraries.integers().between(0, GOOD.length - 1).list().ofMinSize(1).ofMaxSize(4).flatMap(positions ->
                Arbitraries.of("\"", "{", "}", "0", "-1", "99999999999999999999", "/", "x", ",", "null", "\\u0000")
                        .list().ofSize(positions.size()).map(inserts -> {
                            StringBuilder b = new StringBuilder(new String(GOOD, StandardCharsets.UTF_8));
                            for (int i = 0; i < positions.size(); i++) {
                                int at = Math.min(positions.get(i), b.length() - 1);
                                b.replace(at, at + 1, inserts.get(i));
                            }
                            return b.toString().getBytes(StandardCharsets.UTF_8);
                        }));
    }
}

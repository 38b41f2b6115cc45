package org.flar.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.identity.sysidcfg.SysidcfgException;

/** A sysidcfg file: settings or a SysidcfgException, and settings read back equal from their canonical form. */
class SysidcfgFuzzTest {

    @FuzzTest
    void parse(byte[] data) throws SysidcfgException {
        if (FuzzInput.tooLarge(data)) {
            return;
        }
        Sysidcfg parsed;
        try {
            parsed = Sysidcfg.parse(data, "sysidcfg");
        } catch (SysidcfgException expected) {
            return;
        }
        assertThat(Sysidcfg.parse(parsed.format(), "formatted")).isEqualTo(parsed);
    }
}

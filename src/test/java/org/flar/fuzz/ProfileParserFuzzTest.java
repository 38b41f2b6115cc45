package org.flar.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.flar.identity.profile.ProfileParser;
import org.flar.identity.profile.ProfileSyntaxException;

/** An identity profile file: a profile or a ProfileSyntaxException naming line and column. */
class ProfileParserFuzzTest {

    @FuzzTest
    void parse(byte[] data) throws IOException {
        if (FuzzInput.tooLarge(data)) {
            return;
        }
        try {
            ProfileParser.parse(FuzzInput.text(data), "fuzz.profile", "fuzz");
        } catch (ProfileSyntaxException expected) {
            // the documented refusal
        }
    }
}

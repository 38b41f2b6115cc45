package org.flar.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentificationTest {

    @Test
    void keepsOrderAndSpellingAndIgnoresCase() {
        Identification id = Identification.parse(List.of("content_name=web01", "Files_Compressed_Method=zstd",
                "content_description=a=b", "X-site=lab", "colour=red"));
        assertThat(id.get("FILES_COMPRESSED_METHOD")).isEqualTo("zstd");
        assertThat(id.get("content_description")).isEqualTo("a=b");
        assertThat(id.get("missing")).isNull();
        assertThat(id.keywords()).containsExactly("content_name", "Files_Compressed_Method", "content_description",
                "X-site", "colour");
        assertThat(id.unknownKeywords()).containsExactly("colour");
        id.put("files_compressed_method", "xz").put("type", "FULL");
        assertThat(id.lines()).containsExactly("content_name=web01", "Files_Compressed_Method=xz",
                "content_description=a=b", "X-site=lab", "colour=red", "type=FULL");
        assertThat(Identification.parse(id.lines())).isEqualTo(id);
        assertThat(id.remove("colour").has("COLOUR")).isFalse();
    }

    @Test
    void requireNamesTheKeyword() {
        assertThatThrownBy(() -> new Identification().require(Identification.CONTENT_NAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("identification has no content_name");
    }

    @Test
    void refusesMalformedLines() {
        assertThatThrownBy(() -> Identification.parse(List.of("content_name=a", "garbage")))
                .hasMessage("identification line 'garbage' is not keyword=value");
        assertThatThrownBy(() -> Identification.parse(List.of("=value")))
                .hasMessage("identification line '=value' has an empty keyword");
        assertThatThrownBy(() -> Identification.parse(List.of("type=FULL", "TYPE=DIFFERENTIAL")))
                .hasMessage("identification keyword 'TYPE' appears twice");
        assertThatThrownBy(() -> new Identification().put("a", "b\nc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identification().put("section_begin", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDocumentedKeywordIsKnown() {
        Identification id = new Identification();
        for (String k : Identification.SOLARIS_KEYWORDS) {
            id.put(k, "1");
        }
        for (String k : Identification.FLAR_KEYWORDS) {
            id.put(k.toUpperCase(), "1");
        }
        assertThat(id.unknownKeywords()).isEmpty();
        assertThat(Identification.FLAR_KEYWORDS).contains("flar_format", "section_sha256", "identification_sha256",
                "payload_entries");
    }
}

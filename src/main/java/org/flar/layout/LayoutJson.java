package org.flar.layout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout section's form: JSON with snake_case names, unknown names refused (docs/format.md).
 * A number left out is 0, which {@link LayoutCheck} refuses where one is needed; a hand-written
 * layout may leave out what has a default (sector_size 512, bootable false).
 */
public final class LayoutJson {
    /** A layout of a thousand disks fits in far less; the section is untrusted input. */
    static final int MAX_BYTES = 4 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                .maxStringLength(1 << 16).build());
    }

    private LayoutJson() {
    }

    public static byte[] write(Layout layout) {
        try {
            return (MAPPER.writeValueAsString(layout) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and checks ({@link LayoutCheck}) a layout; {@code source} names it in messages. */
    public static Layout read(byte[] json, String source) throws LayoutException {
        if (json.length > MAX_BYTES) {
            throw new LayoutException(source + ": layout of " + json.length + " bytes, more than " + MAX_BYTES);
        }
        Layout layout;
        try {
            layout = MAPPER.readValue(json, Layout.class);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new LayoutException(source + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("bad JSON"));
        } catch (IOException e) {
            throw new LayoutException(source + ": " + e.getMessage());
        }
        if (layout == null) {
            throw new LayoutException(source + ": empty layout");
        }
        LayoutCheck.check(layout, source);
        return layout;
    }

    public static Layout read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new LayoutException(file + ": layout larger than " + MAX_BYTES + " bytes");
        }
        return read(Files.readAllBytes(file), file.toString());
    }
}

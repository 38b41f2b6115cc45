package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The layout section is untrusted: each wrong claim is one line naming the device and the problem. */
class LayoutCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GOOD = LayoutJson.write(LayoutFixtures.mbrLvm());

    @Test
    void theFixtureRoundTrips() throws Exception {
        assertThat(LayoutJson.read(GOOD, "x")).isEqualTo(LayoutFixtures.mbrLvm());
    }

    /** Sets FIELD of the object at POINTER to VALUE (JSON), and expects MESSAGE. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "/file_systems/2|device|\"/dev/vg0/root\"|/dev/vg0/root is used twice",
        "/file_systems/2|type|\"btrfs\"|unknown file system type 'btrfs'",
        "/file_systems/2|mountpoint|\"var\"|mount point 'var' is not an absolute path",
        "/file_systems/2|mountpoint|\"/../etc\"|mount point '/../etc' is not an absolute path",
        "/file_systems/2|mountpoint|\"/boot\"|mount point /boot is named twice",
        "/volume_groups/0|name|\"vg0;reboot\"|volume group name 'vg0;reboot'",
        "/volume_groups/0|extent_size|3000000|extent size 3000000 is not a power of two",
        "/volume_groups/0/lvs/1|segtype|\"thin\"|segment type thin",
        "/volume_groups/0/lvs/1|size|0|/dev/vg0/var: size 0",
        "/volume_groups/0/pvs/0|device|\"/dev/vdz9\"|is on /dev/vdz9, which the layout does not define",
        "/disks/0/table/partitions/0|size|5368709120|/dev/vda1: ends at byte",
        "/disks/0/table/partitions/1|start|1048576|/dev/vda2: starts at byte 1048576, inside the partition before it",
        "/disks/0/table/partitions/1|number|1|/dev/vda1: partition number 1 is out of range or named twice",
        "/disks/0/table/partitions/1|number|5|/dev/vda5: partition number 5 is out of range",
        "/disks/0/table/partitions/1|type|\"8e; rm -rf /\"|/dev/vda2 type '8e; rm -rf /'",
        "/disks/0/table|label|\"sun\"|partition table 'sun'",
        "/disks/0|sector_size|1000|logical sector size 1000",
        "|flar_layout|2|flar_layout 2 is not a version flar reads",
        "|firmware|\"coreboot\"|firmware 'coreboot'",
        "|colour|1|Unrecognized field \"colour\"",
        "/boot_loader|disks|[\"/dev/sdq\"]|boot loader disk /dev/sdq is not a disk of the layout",
    })
    void aWrongClaimIsOneLineNamingIt(String pointer, String field, String value, String message) throws Exception {
        JsonNode tree = JSON.readTree(GOOD);
        ((ObjectNode) tree.at(pointer == null ? "" : pointer)).set(field, JSON.readTree(value));
        byte[] bad = JSON.writeValueAsBytes(tree);
        assertThatThrownBy(() -> LayoutJson.read(bad, "web07.flar: layout section"))
                .isInstanceOf(LayoutException.class).hasMessageStartingWith("web07.flar: layout section")
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aHandWrittenLayoutNeedsOnlyWhatHasNoDefault() throws Exception {
        Layout l = LayoutJson.read(LayoutFixtures.HAND_WRITTEN_A.getBytes(StandardCharsets.UTF_8), "a.layout");
        assertThat(l.disks().getFirst().sectorSize()).isEqualTo(512);
        assertThat(l.disks().getFirst().table().partitions()).extracting(Layout.Partition::bootable).containsExactly(true, false);
        assertThat(Resizer.explicit(l.disks().getFirst())).extracting(Layout.Partition::start)
                .containsExactly(LayoutFixtures.MIB, 513 * LayoutFixtures.MIB);
    }

    @Test
    void anArrayKeepsTheNameMdadmGaveIt() throws Exception {
        for (String name : List.of("root", "web07:root", "(none):root")) {
            String b = LayoutFixtures.HAND_WRITTEN_B.replace("\"name\": \"root\"", "\"name\": \"" + name + "\"");
            assertThat(LayoutJson.read(b.getBytes(StandardCharsets.UTF_8), "b").raids().getFirst().name()).isEqualTo(name);
        }
        String bad = LayoutFixtures.HAND_WRITTEN_B.replace("\"name\": \"root\"", "\"name\": \"(none):root;reboot\"");
        assertThatThrownBy(() -> LayoutJson.read(bad.getBytes(StandardCharsets.UTF_8), "b"))
                .isInstanceOf(LayoutException.class).hasMessage("b: /dev/md0 name '(none):root;reboot'");
    }

    @Test
    void aLayoutWithoutRootIsRefused() {
        String bad = new String(GOOD, StandardCharsets.UTF_8).replace("\"mountpoint\" : \"/\"", "\"mountpoint\" : \"/srv\"");
        assertThatThrownBy(() -> LayoutJson.read(bad.getBytes(StandardCharsets.UTF_8), "x"))
                .isInstanceOf(LayoutException.class).hasMessage("x: no file system is mounted at /");
    }
}

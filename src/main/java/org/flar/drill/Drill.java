package org.flar.drill;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.flar.layout.Layout;
import org.flar.layout.LayoutJson;
import org.flar.rescue.RescueSystem;

/**
 * Proof that a media set (or an archive) brings the machine back, before the day it must: the
 * rescue system booted in qemu against blank scratch disks recovers automatically
 * ({@code flar.auto}), then the recovered disks alone boot to a login prompt on the serial
 * console. The time to recover (RTO) and to boot are measured; the consoles are kept.
 */
public final class Drill {
    /**
     * @param passed        the recovered machine reached its login prompt
     * @param recoverySeconds from power-on of the rescue system to its RESTORE SUCCEEDED
     * @param bootSeconds   from power-on of the recovered disks to the login prompt (-1 if not reached)
     * @param message       why it failed, or "passed"
     */
    public record Result(boolean passed, long recoverySeconds, long bootSeconds, String message, Path recoveryLog,
            Path bootLog) {
    }

    private final RescueSystem rescue;
    private final List<Path> cdroms;
    private final byte[] layoutSection;
    private String firmware = "bios";
    private String accel = "tcg";
    private long diskSize = -1;
    private String append = "";
    private Duration recoveryTimeout = Duration.ofMinutes(60);
    private Duration bootTimeout = Duration.ofMinutes(10);

    /**
     * @param cdroms        the media set's volumes (or an ISO holding the archive), in drives
     * @param layoutSection the archive's layout section, or null (flar's default layout, one disk)
     */
    public Drill(RescueSystem rescue, List<Path> cdroms, byte[] layoutSection) {
        this.rescue = rescue;
        this.cdroms = List.copyOf(cdroms);
        this.layoutSection = layoutSection;
    }

    public Drill firmware(String f) {
        if (!f.equals("bios") && !f.equals("uefi")) {
            throw new IllegalArgumentException("--firmware " + f + ": bios or uefi");
        }
        this.firmware = f;
        return this;
    }

    public Drill accel(String a) {
        this.accel = a;
        return this;
    }

    /** Every scratch disk this size (bytes) instead of the recorded disks' sizes. */
    public Drill diskSize(long bytes) {
        this.diskSize = bytes;
        return this;
    }

    /** More kernel parameters for the rescue system (flar.grow-lv=..., flar.keyfile=...). */
    public Drill append(String params) {
        this.append = params == null ? "" : params;
        return this;
    }

    public Drill timeouts(Duration recovery, Duration boot) {
        this.recoveryTimeout = recovery;
        this.bootTimeout = boot;
        return this;
    }

    /** The scratch disks: one per recorded disk, of its size (or {@link #diskSize}); 8 GiB for flar's default layout. */
    List<Long> diskSizes() throws IOException {
        List<Long> sizes = new ArrayList<>();
        if (layoutSection == null) {
            sizes.add(diskSize > 0 ? diskSize : 8L << 30);
            return sizes;
        }
        Layout l = LayoutJson.read(layoutSection, "layout section");
        for (Layout.Disk d : l.disks()) {
            sizes.add(diskSize > 0 ? diskSize : d.size());
        }
        return sizes;
    }

    public Result run(Path work, Consumer<String> log) throws IOException {
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve(VirtualMachine.NVRAM)); // a new machine: no boot entries yet
        List<Path> disks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> sizes = diskSizes();
        for (int i = 0; i < sizes.size(); i++) {
            Path d = work.resolve("disk" + i + ".raw");
            Files.deleteIfExists(d);
            try (RandomAccessFile f = new RandomAccessFile(d.toFile(), "rw")) {
                f.setLength(sizes.get(i));
            }
            disks.add(d);
            names.add("/dev/vd" + (char) ('a' + i));
        }
        String cmdline = "console=ttyS0,115200 flar.auto=" + String.join(",", names) + (append.isBlank() ? "" : " " + append);
        log.accept("recovering in qemu (" + firmware + ", " + accel + ") onto " + disks.size() + " blank disk(s): "
                + String.join(", ", sizes.stream().map(s -> (s >> 20) + " MiB").toList()));
        long start = System.nanoTime();
        String seen;
        Path recoveryLog;
        try (VirtualMachine vm = VirtualMachine.start(work, "recover", firmware, accel, 1536, disks, cdroms,
                rescue.kernel(), rescue.initramfs(), cmdline)) {
            recoveryLog = vm.log();
            seen = vm.waitFor(recoveryTimeout, "RESTORE SUCCEEDED", "RESTORE FAILED");
            if (!"RESTORE SUCCEEDED".equals(seen)) {
                String why = seen == null ? "no result within " + recoveryTimeout.toMinutes() + " min" : "the rescue system said RESTORE FAILED";
                return new Result(false, -1, -1, why + ":\n" + vm.tail(15), recoveryLog, null);
            }
            vm.waitFor(Duration.ofMinutes(2), "reboot: Power down");
        }
        long recovery = (System.nanoTime() - start) / 1_000_000_000L;
        log.accept("recovered in " + recovery + " s; booting the recovered disk(s)");
        start = System.nanoTime();
        try (VirtualMachine vm = VirtualMachine.start(work, "boot", firmware, accel, 1536, disks, List.of(), null, null, null)) {
            seen = vm.waitFor(bootTimeout, " login:");
            if (seen == null) {
                return new Result(false, recovery, -1, "the recovered machine showed no login prompt on its serial console within "
                        + bootTimeout.toMinutes() + " min (its kernel needs console=ttyS0 to be seen):\n" + vm.tail(15),
                        recoveryLog, vm.log());
            }
            long boot = (System.nanoTime() - start) / 1_000_000_000L;
            return new Result(true, recovery, boot, "passed", recoveryLog, vm.log());
        }
    }
}

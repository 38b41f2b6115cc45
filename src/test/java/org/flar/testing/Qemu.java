package org.flar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One virtual machine in {@code qemu-system-x86_64}, headless, its serial console written to a
 * file the test reads. BIOS (SeaBIOS) or UEFI (OVMF, on a q35 machine, with a fresh copy of the
 * variable store).
 *
 * <p>Acceleration is TCG (pure emulation) unless {@code FLAR_TEST_QEMU_ACCEL} says otherwise
 * (e.g. {@code kvm}): CI machines often lack /dev/kvm, and a nested /dev/kvm that exists but
 * fails (as on the machine these tests were written on) must not hang a run. TCG runs the two
 * virtual CPUs on one host thread ({@code thread=single}): with one thread per CPU
 * ({@code thread=multi}, a third faster) the rescue system's JVM crashed in JIT-compiled code in
 * about one boot of twelve, which is emulation of code patched while another CPU runs it, not
 * flar; {@code FLAR_TEST_QEMU_ACCEL=tcg,thread=multi} is there for a quicker local run.
 */
public final class Qemu implements AutoCloseable {
    public enum Firmware { BIOS, UEFI }

    private static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE.fd");
    private static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS.fd");

    private final Process process;
    private final Path serial;

    private Qemu(Process process, Path serial) {
        this.process = process;
        this.serial = serial;
    }

    /** The tools and files a boot test needs (skipped on a laptop without them, failed under CI). */
    public static void require(Firmware firmware) {
        Tools.requireTool("qemu-system-x86_64");
        if (firmware == Firmware.UEFI && !Files.isRegularFile(OVMF_CODE)) {
            if (Tools.inCi()) {
                throw new AssertionError(OVMF_CODE + " missing: install ovmf");
            }
            org.junit.jupiter.api.Assumptions.abort(OVMF_CODE + " missing: install ovmf");
        }
    }

    /**
     * Starts a machine with 1.5 GiB of memory.
     *
     * @param work   where the serial log and the UEFI variable store go
     * @param name   names the log file: {@code work/NAME.serial}
     * @param drives qemu options for the drives (see {@link #disk}, {@link #cdrom})
     */
    public static Qemu start(Path work, String name, Firmware firmware, List<String> drives) {
        Path serial = work.resolve(name + ".serial");
        // the serial port: written to the log file, typed into through qemu's standard input
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-m", "1536", "-smp", "2",
                "-nographic", "-no-reboot", "-monitor", "none",
                "-chardev", "stdio,id=serial0,signal=off,logfile=" + serial, "-serial", "chardev:serial0"));
        String accel = System.getenv("FLAR_TEST_QEMU_ACCEL");
        cmd.addAll(List.of("-accel", accel == null || accel.isBlank() ? "tcg,thread=single" : accel));
        try {
            if (firmware == Firmware.UEFI) {
                Path vars = work.resolve(name + ".vars.fd");
                Files.copy(OVMF_VARS, vars, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                cmd.addAll(List.of("-machine", "q35",
                        "-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                        "-drive", "if=pflash,format=raw,file=" + vars));
            }
            cmd.addAll(List.of("-device", "virtio-scsi-pci,id=scsi"));
            cmd.addAll(drives);
            Files.deleteIfExists(serial);
            Process p = new ProcessBuilder(cmd).redirectError(work.resolve(name + ".qemu").toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new Qemu(p, serial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A virtio disk (raw image). */
    public static List<String> disk(Path image) {
        return List.of("-drive", "file=" + image + ",format=raw,if=virtio");
    }

    /** The first CD drive (IDE on BIOS's i440fx, SATA on q35): what the firmware boots. */
    public static List<String> bootCdrom(Path iso) {
        return List.of("-drive", "file=" + iso + ",format=raw,media=cdrom,readonly=on");
    }

    /** The image as a USB stick (usb-storage on an xHCI controller), booted first: the isohybrid path. */
    public static List<String> usbStick(Path image) {
        return List.of("-device", "qemu-xhci,id=xhci",
                "-drive", "file=" + image + ",format=raw,if=none,id=stick,readonly=on",
                "-device", "usb-storage,bus=xhci.0,drive=stick,bootindex=1");
    }

    /** A further CD drive, on the virtio-scsi bus. */
    public static List<String> cdrom(Path iso, int n) {
        return List.of("-drive", "file=" + iso + ",format=raw,if=none,media=cdrom,readonly=on,id=cd" + n,
                "-device", "scsi-cd,drive=cd" + n + ",bus=scsi.0");
    }

    /**
     * Waits until the serial console shows {@code success} (returns the log) or {@code failure}, the
     * machine stops, or {@code timeout} passes (each an AssertionError with the log's end).
     */
    public String waitFor(String success, String failure, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String log = log();
            if (log.contains(success)) {
                return log;
            }
            if (failure != null && log.contains(failure)) {
                throw new AssertionError("the machine reported \"" + failure + "\":\n" + tail(log));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the machine stopped (exit " + process.exitValue() + ") before \"" + success
                        + "\":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + success + "\" within " + timeout + ":\n" + tail(log));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits for the machine to power itself off. */
    public void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the machine did not power off within " + timeout + ":\n" + tail(log()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Types {@code text} on the serial console. */
    public void type(String text) {
        try {
            process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.exists(serial) ? new String(Files.readAllBytes(serial), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

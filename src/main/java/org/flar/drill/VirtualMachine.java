package org.flar.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A qemu machine for a drill: disks, CD drives, optionally a kernel booted directly (the rescue
 * system with the drill's own kernel parameters), its serial console in a log file that is
 * watched for what the rescue system and the recovered machine print.
 */
final class VirtualMachine implements AutoCloseable {
    static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE.fd");
    static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS.fd");
    /** The UEFI variable store of the drill's machine, in its work directory. */
    static final String NVRAM = "nvram.fd";

    private final Process process;
    private final Path log;

    private VirtualMachine(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param kernel  a kernel to boot directly with {@code initrd} and {@code append}, or null to boot the disks
     * @param accel   qemu's accelerator: tcg (pure emulation, everywhere) or kvm
     */
    static VirtualMachine start(Path work, String name, String firmware, String accel, int memoryMib, List<Path> disks,
            List<Path> cdroms, Path kernel, Path initrd, String append) throws IOException {
        Path serial = work.resolve(name + ".serial");
        Files.deleteIfExists(serial);
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-m", Integer.toString(memoryMib), "-smp", "2",
                "-nographic", "-no-reboot", "-monitor", "none", "-serial", "file:" + serial,
                // one host thread for both virtual CPUs: with a thread each, the rescue system's JVM now and
                // then crashed in code it had just compiled (emulated cross-modifying code, not flar)
                "-accel", accel.equals("tcg") ? "tcg,thread=single" : accel));
        if (firmware.equals("uefi")) {
            if (!Files.isRegularFile(OVMF_CODE)) {
                throw new IOException("UEFI needs " + OVMF_CODE + " (Debian package ovmf)");
            }
            // one variable store per drill: the boot entry the recovery made is there when the disks boot, as on the machine
            Path vars = work.resolve(NVRAM);
            if (!Files.exists(vars)) {
                Files.copy(OVMF_VARS, vars);
            }
            cmd.addAll(List.of("-machine", "q35", "-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,file=" + vars));
        }
        cmd.addAll(List.of("-device", "virtio-scsi-pci,id=scsi"));
        for (Path d : disks) {
            cmd.addAll(List.of("-drive", "file=" + d + ",format=raw,if=virtio"));
        }
        for (int i = 0; i < cdroms.size(); i++) {
            cmd.addAll(List.of("-drive", "file=" + cdroms.get(i) + ",format=raw,if=none,media=cdrom,readonly=on,id=cd" + i,
                    "-device", "scsi-cd,drive=cd" + i + ",bus=scsi.0"));
        }
        if (kernel != null) {
            cmd.addAll(List.of("-kernel", kernel.toString(), "-initrd", initrd.toString(), "-append", append));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".qemu").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new VirtualMachine(p, serial);
    }

    Path log() {
        return log;
    }

    /** Waits for the first of {@code markers} on the console; returns it, or null when the machine stopped or time ran out. */
    String waitFor(Duration timeout, String... markers) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            for (String m : markers) {
                if (text.contains(m)) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                return null;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        return null;
    }

    /** The console's last lines, for the report of a failure. */
    String tail(int lines) throws IOException {
        List<String> all = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1).lines().toList() : List.of();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

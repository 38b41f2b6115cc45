package org.flar.cli;

import org.flar.location.FileLocation;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.deploy.Deployer;
import org.flar.demo.SampleSystem;
import org.flar.demo.TreeDifference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Build a small sample system (every kind of entry: files, a sparse file, hardlinks, symlinks, a fifo, "
                    + "devices, setuid, a file capability, ACLs, binary xattrs, nanosecond times, odd names), capture "
                    + "it, show the archive's identification, deploy it to a new directory and prove the copy "
                    + "identical by capturing it again and comparing the two manifests entry by entry."},
        footer = {"", "Example:", "  flar demo --dir /tmp/flar-demo", ExitCode.HELP})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "Work directory (default: a new one under /tmp). It is kept for you to look at.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("flar-demo-");
        Path sample = work.resolve("sample-root");
        Path target = work.resolve("deployed-root");
        Path archive = work.resolve("sample.flar");
        if (Files.exists(sample) || Files.exists(target)) {
            throw new IllegalArgumentException(work + ": already holds a demo; give another --dir");
        }
        say("1. building a sample system in " + sample);
        for (String note : SampleSystem.build(sample)) {
            say("   note: " + note);
        }
        say("2. flar create -n sample01 -R " + sample + " " + archive);
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), false, false);
        new FileLocation(archive).write((out, file) -> new Capture(CaptureOptions.of(sample, "sample01"), progress).run(out, file), false);
        progress.done();
        say("3. flar info " + archive);
        Main.run(spec.commandLine().getOut(), spec.commandLine().getErr(), "info", archive.toString());
        say("4. flar deploy -R " + target + " " + archive);
        try (InputStream in = new FileLocation(archive).read()) {
            new Deployer(target, progress).deploy(in, archive.toString());
        }
        progress.done();
        say("5. comparing " + sample + " with " + target);
        List<String> differences = TreeDifference.between(sample, target, work);
        if (differences.isEmpty()) {
            say("   identical: every entry's type, content, owner, mode, times, xattrs and ACLs, holes included");
            say("   (look for yourself: ls -la " + target + "; getfattr -d -m - -R " + target + ")");
            return ExitCode.OK;
        }
        differences.forEach(d -> say("   DIFFERENT: " + d));
        return ExitCode.FAILED;
    }

    private void say(String line) {
        spec.commandLine().getOut().println(line);
    }
}

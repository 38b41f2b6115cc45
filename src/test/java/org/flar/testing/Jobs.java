package org.flar.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.job.Creation;
import org.flar.job.Deployment;
import org.flar.progress.Progress;

/** The composition layer as library tests call it: what flar create and flar deploy do, without the command line. */
public final class Jobs {
    private Jobs() {
    }

    /** A full archive of {@code root} named {@code name}. */
    public static CaptureResult create(Path root, String name, Path archive) throws IOException {
        return new Creation(CaptureOptions.of(root, name), Creation.Identity.AS_CAPTURED, null, false)
                .writeFile(archive, Progress.NONE);
    }

    /** A differential of {@code root} against {@code master} (an archive or an old root). */
    public static CaptureResult differential(Path root, String name, Path master, Path archive) throws IOException {
        return new Creation(CaptureOptions.of(root, name), Creation.Identity.AS_CAPTURED, org.flar.baseline.Master.of(master), false)
                .writeFile(archive, Progress.NONE);
    }

    /** {@code flar deploy -R target ARCHIVES}: a clone, the master check on, the state recorded. */
    public static Deployment.Result deploy(Path target, Path... archives) throws IOException {
        return deploy(Deployment.onto(target), archives);
    }

    public static Deployment.Result deploy(Deployment deployment, Path... archives) throws IOException {
        return deployment.run(Arrays.stream(archives).map(Path::toString).toList(), Progress.NONE);
    }
}

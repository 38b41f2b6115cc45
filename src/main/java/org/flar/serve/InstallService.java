package org.flar.serve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.flar.install.Answer;
import org.flar.install.Assignment;
import org.flar.install.InstallSite;
import org.flar.install.Machine;
import org.flar.install.Report;

/**
 * The install server's side of a network install (docs/install-server.md), on the archive
 * server's HTTP port:
 *
 * <pre>
 * GET  /boot.ipxe          what DHCP points iPXE at: chains the machine's own script by its MAC
 * GET  /ipxe/MAC           the rescue system's kernel and initramfs with flar.server=, or, for a
 *                          machine done, "exit" (the firmware boots the next device: its disk)
 * GET  /boot/vmlinuz, /boot/initrd.img   the rescue system, with ranges
 * POST /install/hello      a machine says what it is (Machine); the answer is its Assignment, or why it waits
 * POST /install/report     a machine says how far it is (Report)
 * GET  /install/machines   the table as JSON
 * </pre>
 */
public final class InstallService {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern HOST_HEADER = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");
    /** A hello or a report is a few hundred bytes; more is not read. */
    private static final int BODY_LIMIT = 64 << 10;

    private final InstallSite site;
    private final Machines machines;
    private final Path kernel;
    private final Path initramfs;
    private final String append;
    private final AtomicLong sent = new AtomicLong();

    /** @param append kernel parameters for the rescue system (consoles), before flar.server= */
    public InstallService(InstallSite site, Machines machines, Path kernel, Path initramfs, String append) {
        this.site = site;
        this.machines = machines;
        this.kernel = kernel;
        this.initramfs = initramfs;
        this.append = append;
    }

    public Machines machines() {
        return machines;
    }

    /** Adds the install endpoints to {@code server}. */
    public void addTo(ArchiveServer server) {
        server.handle("/boot.ipxe", this::bootScript);
        server.handle("/ipxe/", this::machineScript);
        server.handle("/boot/", this::bootFile);
        server.handle("/install/hello", this::hello);
        server.handle("/install/report", this::report);
        server.handle("/install/machines", this::table);
    }

    private void bootScript(HttpExchange x) throws IOException {
        if (FileResponse.refusedMethod(x)) {
            return;
        }
        FileResponse.text(x, 200, "#!ipxe\n# flar serve: every machine gets its own script, by the MAC it boots with\n"
                + "chain " + base(x) + "ipxe/${netX/mac}\n");
    }

    private void machineScript(HttpExchange x) throws IOException {
        if (FileResponse.refusedMethod(x)) {
            return;
        }
        String mac = x.getRequestURI().getPath().substring("/ipxe/".length()).toLowerCase(java.util.Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
            FileResponse.text(x, 404, "#!ipxe\necho flar: not a MAC address\nexit 1");
            return;
        }
        URI base = base(x);
        if (machines.isDone(mac)) {
            FileResponse.text(x, 200, "#!ipxe\necho flar: " + mac + " is installed; booting from its disk\nexit\n");
            return;
        }
        FileResponse.text(x, 200, "#!ipxe\necho flar: " + mac + ": booting the rescue system to install it\n"
                + "kernel " + base + "boot/vmlinuz initrd=initrd.img " + append + " flar.server=" + base + " flar.mac=" + mac + "\n"
                + "initrd " + base + "boot/initrd.img\n"
                + "boot\n");
    }

    private void bootFile(HttpExchange x) throws IOException {
        if (FileResponse.refusedMethod(x)) {
            return;
        }
        Path file = switch (x.getRequestURI().getPath()) {
            case "/boot/vmlinuz" -> kernel;
            case "/boot/initrd.img" -> initramfs;
            default -> null;
        };
        if (file == null) {
            FileResponse.text(x, 404, "no such file: the rescue system is /boot/vmlinuz and /boot/initrd.img");
            return;
        }
        FileResponse.send(x, file, sent);
    }

    private void hello(HttpExchange x) throws IOException {
        Machine m = body(x, Machine.class);
        if (m == null) {
            return;
        }
        try {
            m = m.checked();
        } catch (IllegalArgumentException e) {
            FileResponse.text(x, 400, "hello: " + e.getMessage());
            return;
        }
        String mac = m.macs().getFirst();
        String name = m.hostname() == null ? mac : m.hostname();
        Answer answer;
        if (machines.isDone(mac)) {
            answer = new Answer(null, mac + " is installed already; remove " + machines.stateFile(mac)
                    + " on the server to install it again");
            machines.waiting(mac, name, answer.waiting());
        } else {
            try {
                Assignment a = site.assign(m, base(x).resolve("archives/"));
                machines.assigned(mac, a.machine(), a.profile() + ": " + (a.recovery() ? "recovery" : "clone") + " of "
                        + String.join(" + ", a.archives()));
                answer = new Answer(a, null);
            } catch (InstallSite.Wait w) {
                machines.waiting(mac, name, w.getMessage());
                answer = new Answer(null, w.getMessage());
            }
        }
        json(x, answer);
    }

    private void report(HttpExchange x) throws IOException {
        Report r = body(x, Report.class);
        if (r == null) {
            return;
        }
        try {
            machines.report(r.checked());
        } catch (IllegalArgumentException e) {
            FileResponse.text(x, 400, "report: " + e.getMessage());
            return;
        }
        x.sendResponseHeaders(204, -1);
    }

    private void table(HttpExchange x) throws IOException {
        if (!FileResponse.refusedMethod(x)) {
            json(x, Map.of("machines", machines.rows()));
        }
    }

    /** The request's JSON body as {@code type}, or null after a 4xx answer said what is wrong. */
    private static <T> T body(HttpExchange x, Class<T> type) throws IOException {
        if (!x.getRequestMethod().equals("POST")) {
            x.getResponseHeaders().set("Allow", "POST");
            FileResponse.text(x, 405, x.getRequestMethod() + " is not served here: POST JSON");
            return null;
        }
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readNBytes(BODY_LIMIT + 1);
        }
        if (body.length > BODY_LIMIT) {
            FileResponse.text(x, 413, "more than " + BODY_LIMIT + " bytes");
            return null;
        }
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            FileResponse.text(x, 400, "not the JSON of a " + type.getSimpleName() + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            return null;
        }
    }

    private static void json(HttpExchange x, Object value) throws IOException {
        byte[] body = JSON.writeValueAsBytes(value);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
    }

    /**
     * The server as the machine reached it (its Host header), so every URL handed out works from
     * where the machine is: 10.0.2.2 from a qemu guest, a site name through a proxy.
     */
    private static URI base(HttpExchange x) {
        String scheme = x instanceof HttpsExchange ? "https" : "http";
        String host = x.getRequestHeaders().getFirst("Host");
        if (host == null || !HOST_HEADER.matcher(host).matches()) {
            var local = x.getLocalAddress();
            String a = local.getAddress().getHostAddress();
            host = (a.contains(":") ? "[" + a + "]" : a) + ":" + local.getPort();
        }
        return URI.create(scheme + "://" + host + "/");
    }

}

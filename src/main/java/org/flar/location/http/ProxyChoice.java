package org.flar.location.http;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP proxy for a URL, as curl and wget choose it: --proxy, else $https_proxy or
 * $http_proxy (either case) for the URL's scheme, unless its host is in $no_proxy (names,
 * domain suffixes, or *). Proxies that want credentials are not supported.
 */
final class ProxyChoice {
    private ProxyChoice() {
    }

    /** The selector for {@code url}, or null for a direct connection. */
    static ProxySelector of(URI url, URI given, Map<String, String> env) {
        URI proxy = given;
        if (proxy == null) {
            if (bypassed(url.getHost(), env(env, "no_proxy"))) {
                return null;
            }
            String p = env(env, url.getScheme().equalsIgnoreCase("https") ? "https_proxy" : "http_proxy");
            if (p == null || p.isBlank()) {
                return null;
            }
            proxy = URI.create(p.contains("://") ? p : "http://" + p);
        }
        if (proxy.getHost() == null) {
            throw new IllegalArgumentException(proxy + ": not a proxy URL (http://HOST:PORT)");
        }
        if (proxy.getUserInfo() != null) {
            throw new IllegalArgumentException("proxy " + proxy.getHost() + ": credentials in a proxy URL are not supported");
        }
        return ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort()));
    }

    private static String env(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null ? v : env.get(name.toUpperCase(Locale.ROOT));
    }

    private static boolean bypassed(String host, String noProxy) {
        if (noProxy == null || host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String d : noProxy.split(",")) {
            String e = d.strip().toLowerCase(Locale.ROOT);
            if (e.equals("*") || (!e.isEmpty() && (h.equals(e.replaceFirst("^\\.", "")) || h.endsWith(e.startsWith(".") ? e : "." + e)))) {
                return true;
            }
        }
        return false;
    }
}

package org.flar.scripts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a script is told, as FLAR_ variables (docs/scripts.md): the phase, the script, the target
 * root as the script sees it and as the deploying host does, the archive, the deployment's mode
 * and the host name a sysidcfg gave.
 *
 * @param target      the target (or the captured root) as the host running flar sees it
 * @param archive     the archive's name as flar was given it
 * @param contentName the archive's content_name
 * @param mode        clone, configured, recovery, differential or as-is (precreation: capture)
 * @param hostname    the sysidcfg's host name, or empty
 */
public record ScriptEnvironment(String target, String archive, String contentName, String mode, String hostname) {

    public ScriptEnvironment {
        archive = archive == null ? "" : archive;
        contentName = contentName == null ? "" : contentName;
        hostname = hostname == null ? "" : hostname;
    }

    public ScriptEnvironment forArchive(String archiveName, String content) {
        return new ScriptEnvironment(target, archiveName, content, mode, hostname);
    }

    public ScriptEnvironment withMode(String newMode) {
        return new ScriptEnvironment(target, archive, contentName, newMode, hostname);
    }

    /** @param root the root as the script sees it: "/" when chrooted into the target */
    public Map<String, String> variables(Phase phase, String script, String root) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLAR_PHASE", phase.dir());
        env.put("FLAR_SCRIPT", script);
        env.put("FLAR_ROOT", root);
        env.put("FLAR_TARGET", target);
        env.put("FLAR_ARCHIVE", archive);
        env.put("FLAR_CONTENT_NAME", contentName);
        env.put("FLAR_MODE", mode);
        env.put("FLAR_HOSTNAME", hostname);
        return env;
    }
}

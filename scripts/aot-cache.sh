# Sourced by ./flar (and the Debian package's postinst): a JDK 25 AOT cache (JEP 483/514) holds the
# classes flar loads, already parsed and linked, and the method profiles of a training run, so a
# short command spends less CPU starting up and in the JIT (docs/performance.md, "AOT cache").
#
# flar_aot_cache CACHE JAR JAVA [JVM OPTIONS...] sets FLAR_AOT_OPTION to -XX:AOTCache=CACHE, after
# training the cache with `flar demo` when it is missing or older than the jar or the JVM's modules.
# Training is best effort: it runs once for a build (a lock keeps concurrent launchers from racing;
# they run without the cache meanwhile), and when it fails the command runs without the cache.
# FLAR_AOT=0 turns the cache off.
flar_aot_cache() {
  local cache="$1" jar="$2" java="$3" modules
  shift 3
  FLAR_AOT_OPTION=
  [ "${FLAR_AOT:-1}" != 0 ] || return 0
  modules="$(dirname "$(dirname "$(readlink -f "$java")")")/lib/modules"
  if [ ! -f "$cache" ] || [ "$jar" -nt "$cache" ] || [ "$modules" -nt "$cache" ]; then
    flar_aot_train "$cache" "$jar" "$java" "$@" || true
  fi
  [ -f "$cache" ] && [ ! "$jar" -nt "$cache" ] && FLAR_AOT_OPTION="-XX:AOTCache=$cache"
  return 0
}

flar_aot_train() {
  local cache="$1" jar="$2" java="$3" lock work
  shift 3
  lock="$cache.lock"
  exec {lockfd}>>"$lock" 2>/dev/null || return 1
  if ! flock -n "$lockfd"; then exec {lockfd}>&-; return 1; fi
  work="$(mktemp -d "${TMPDIR:-/tmp}/flar-aot.XXXXXX")" || { exec {lockfd}>&-; return 1; }
  [ -t 2 ] && echo "flar: training the JVM's AOT cache for this build (once, a few seconds) ..." >&2
  # The cache is written beside its final name and moved there whole, so no launcher ever maps a
  # half-written one; JAVA_TOOL_OPTIONS is what the JVM hands its cache-assembling child process.
  if "$java" "$@" -XX:AOTCacheOutput="$cache.tmp.$$" -jar "$jar" demo --dir "$work/demo" >/dev/null 2>&1 \
      && [ -s "$cache.tmp.$$" ]; then
    mv -f "$cache.tmp.$$" "$cache"
  fi
  rm -rf "$work" "$cache.tmp.$$"
  exec {lockfd}>&-
  [ -f "$cache" ]
}

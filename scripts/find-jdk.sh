# Sourced by ./flar, scripts/test and bench/: sets JAVA_HOME to a JDK 25 or says why it cannot.
# The machine's default java may be older, so JAVA_HOME is checked first, then /usr/lib/jvm/*25*.
flar_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "flar: JDK 25 or newer not found (looked at JAVA_HOME='${JAVA_HOME:-}' and /usr/lib/jvm/*25*); install one, e.g. Temurin 25, and set JAVA_HOME" >&2
  return 1
}
# Java decodes file names with the locale's charset; under the POSIX locale every non-ASCII
# name would be mangled, so force a UTF-8 locale unless the user already has one.
flar_utf8_locale() {
  case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;;
    *) export LC_ALL=C.UTF-8 ;;
  esac
}

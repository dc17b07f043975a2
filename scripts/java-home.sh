# Sourced by .ci/run and ./stack: exports JAVA_HOME of a JDK >= 21 (the one given, or one under /usr/lib/jvm).
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }

if [ -z "${JAVA_HOME:-}" ] || ! [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -ge 21 ] 2>/dev/null; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$candidate
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "No JDK >= 21 found: install one or set JAVA_HOME" >&2
    exit 1
  fi
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

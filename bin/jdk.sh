# Sourced by ./twinbgp, ./run-tests and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK installed beside the default one
# (the directory that holds it, e.g. /usr/lib/jvm) - the newest wins there.
# shellcheck shell=bash

twinbgp_java_major() { # JDK home -> major version on stdout, or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$v" = 1 ] && v=8
  echo "$v"
}

twinbgp_find_jdk() {
  local need=21 cand major best="" best_major=0 default_java jvm_dir
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(twinbgp_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$need" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  default_java=$(command -v java 2>/dev/null || true)
  if [ -n "$default_java" ]; then
    cand=$(dirname "$(dirname "$(readlink -f "$default_java")")")
    major=$(twinbgp_java_major "$cand")
    if [ -n "$major" ] && [ "$major" -ge "$need" ]; then echo "$cand"; return 0; fi
    jvm_dir=$(dirname "$cand")
  fi
  for cand in "${jvm_dir:-/usr/lib/jvm}"/* /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*; do
    [ -d "$cand" ] || continue
    major=$(twinbgp_java_major "$cand")
    if [ -n "$major" ] && [ "$major" -ge "$need" ] && [ "$major" -gt "$best_major" ]; then
      best=$cand; best_major=$major
    fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

if twinbgp_home=$(twinbgp_find_jdk); then
  export JAVA_HOME="$twinbgp_home"
  export PATH="$JAVA_HOME/bin:$PATH"
  # JDK 23+ warns when a library calls sun.misc.Unsafe (Maven's own Guava, Netty): users must
  # never see JVM warnings, so allow it quietly for Maven and for the JVMs we launch.
  if [ "$(twinbgp_java_major "$JAVA_HOME")" -ge 23 ]; then
    export TWINBGP_JVM_FLAGS="--sun-misc-unsafe-memory-access=allow"
    case " ${MAVEN_OPTS:-} " in
      *" --sun-misc-unsafe-memory-access="*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }$TWINBGP_JVM_FLAGS" ;;
    esac
  else
    export TWINBGP_JVM_FLAGS=""
  fi
  unset twinbgp_home
else
  echo "twinbgp needs a JDK 21 or newer and found none (checked JAVA_HOME, java on PATH and the JDKs beside it): install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME to it." >&2
  exit 1
fi

# Sourced by the bench scripts (from the repository root): the runnable jar, rebuilt when a source is newer.
# STANCE_JAR=path runs a given build instead (a copy, while the sources are being edited).
if [[ -n "${STANCE_JAR:-}" ]]; then
  JAR="$STANCE_JAR"
else
  JAR=src/cli/target/stance.jar
  [[ -f "$JAR" && -z "$(find src pom.xml -newer "$JAR" -print -quit)" ]] \
    || mvn -B -q -DskipTests -pl src/cli -am package
fi

# Sourced by the bench scripts (from the repository root): the runnable jar, rebuilt when a source is newer.
JAR=src/cli/target/stance.jar
[[ -f "$JAR" && -z "$(find src pom.xml -newer "$JAR" -print -quit)" ]] \
  || mvn -B -q -DskipTests -pl src/cli -am package

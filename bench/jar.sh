# Sourced by the bench scripts (from the repository root): the runnable jar, rebuilt when a source is newer.
JAR=stance-cli/target/stance.jar
[[ -f "$JAR" && -z "$(find stance-core/src stance-cli/src pom.xml stance-core/pom.xml stance-cli/pom.xml -newer "$JAR" -print -quit)" ]] \
  || mvn -B -q -DskipTests -pl stance-cli -am package

# Class-data sharing for the launchers, sourced by bin/stance and bin/stance-spark: the first `score`
# after a build records the classes it loads into an archive beside the jar; later runs map them
# instead of loading and verifying them again (docs/PERFORMANCE.md). Only a scoring run records it,
# as scoring is where start-up time counts: an archive made by `--version` or `train` would leave
# most of the scoring classes out.

# cds_asks_usage ARGS...: whether the run only prints help or the version (it would record few classes).
cds_asks_usage() {
  local a
  for a in "$@"; do
    case "$a" in -h | --help | -V | --version) return 0 ;; esac
  done
  return 1
}

# cds_options JAR ARGS...: sets cds (the archive), share (the JVM's options) and recording (the
# archive being recorded by this run, or empty).
cds_options() {
  local jar=$1
  shift
  cds="${jar%.jar}.jsa"
  recording=""
  if [[ -f "$cds" && "$cds" -nt "$jar" ]]; then
    share=(-XX:SharedArchiveFile="$cds")
  elif [[ "${1:-}" == score && -w "$(dirname "$jar")" ]] && ! cds_asks_usage "$@"; then
    recording="$cds.$$.tmp"
    share=(-XX:ArchiveClassesAtExit="$recording")
  else
    share=()
  fi
}

# cds_exec CMD...: runs the JVM command, in place of this shell unless it records the archive. A
# recorded archive is kept only when the run succeeded (a failed first run, a usage error, loads a
# fraction of the classes) and is moved into place whole (two first runs at once).
cds_exec() {
  if [[ -z "$recording" ]]; then
    exec "$@"
  fi
  local status=0
  "$@" || status=$?
  if [[ $status -eq 0 && -s "$recording" ]]; then mv -f "$recording" "$cds"; else rm -f "$recording"; fi
  exit "$status"
}

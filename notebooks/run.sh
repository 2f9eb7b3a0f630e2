#!/usr/bin/env bash
# Execute every notebook in place (outputs saved in the .ipynb files, figures in notebooks/figures/).
# Uses Debian's Jupyter and /usr/bin/python3 only; installs them with apt-get when missing.
# Fails on the first cell error.  Usage: notebooks/run.sh [NOTEBOOK.ipynb ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

packages=(jupyter-notebook python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
if (( ${#missing[@]} )); then
  echo "run.sh: installing ${missing[*]}" >&2
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# Build the jar when it is missing or older than the sources.
jar="$root/src/cli/target/stance.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]]; then
  echo "run.sh: building $jar" >&2
  mvn -B -q -DskipTests -pl src/cli -am package >&2
fi

# A python3 kernel pinned to /usr/bin/python3, whatever python3 is first on PATH (pyenv, venv):
# JUPYTER_PATH comes before the user's and the system's kernel folders.
kernels="$(mktemp -d)"
trap 'rm -rf "$kernels"' EXIT
mkdir -p "$kernels/kernels/python3"
cat > "$kernels/kernels/python3/kernel.json" <<'JSON'
{"argv": ["/usr/bin/python3", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (ipykernel)", "language": "python"}
JSON
export JUPYTER_PATH="$kernels${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYTHONNOUSERSITE=1 PYDEVD_DISABLE_FILE_VALIDATION=1 MPLBACKEND=Agg OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
unset PYTHONPATH PYTHONHOME

notebooks=("$@")
(( ${#notebooks[@]} )) || notebooks=("$here"/[0-9][0-9]-*.ipynb)
for nb in "${notebooks[@]}"; do
  echo "run.sh: executing $nb" >&2
  start=$SECONDS
  /usr/bin/python3 -m nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.kernel_name=python3 \
    --ExecutePreprocessor.record_timing=False "$nb"
  echo "run.sh: $nb done in $((SECONDS - start)) s" >&2
done

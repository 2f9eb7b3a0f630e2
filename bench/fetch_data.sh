#!/usr/bin/env bash
# Fetches the two public data sets of the quality benchmark (docs/BENCHMARKS.md) from their public
# sources into the layout that bench/quality.sh, bench/prepare_data.py and bench/run.sh read:
#
#   SHARED/benchmarks/mawqif/train.csv                    Mawqif, official train split (3,502 rows)
#   SHARED/benchmarks/mawqif/test.csv                     Mawqif, official test split (619 rows)
#   SHARED/benchmarks/mawqif/ANNOTATION_GUIDELINES.md     Mawqif's annotation guidelines
#   SHARED/benchmarks/ant-topic/ant_v2.1_multisource.tsv  ANT v2.1 multi-source, one article a row
#
#   bash bench/fetch_data.sh [SHARED]      SHARED: default ../shared (next to the repository), the
#                                          folder the bench scripts look in first (bench/quality.sh
#                                          reads ../shared, then /work/shared; bench/prepare_data.py
#                                          takes --shared DIR); keep the default to run them as they are
#
# Sources (nothing else is downloaded):
#   Mawqif (Alturayeif, Luqman and Ahmed, WANLP 2022): https://github.com/NoraAlt/Mawqif-Arabic-Stance
#     Data/Mawqif_AllTargets_Train.csv and Data/Mawqif_AllTargets_Test.csv (with labels; the
#     "Blind Test" file is not used), about 1.7 MB. Cite the paper (see the repository's README).
#   ANT v2.1 (Chouigui, Ben Khiroun and Elayeb): https://github.com/antcorpus/antcorpus.multisource.data
#     one XML-like file per article (<DOCNO>, <CAT>, <TITLE>, <TIME>, <TEXT>, ...) under
#     SOURCE/CATEGORY/; the whole repository is fetched once (a shallow clone, or its tar.gz when
#     git is missing) into a temporary folder, converted to one TSV (columns label, source, docno,
#     date, title, text; the text's lines joined by a space) and the download deleted. Apache-2.0
#     with the ANT citation licence: cite one of the ANT papers wherever you use it.
# MAWQIF_REF and ANT_REF (default HEAD) pin another branch, tag or commit of either repository.
#
# Existing files are never overwritten (a file already there is reported and kept). Not fetched:
# SHARED/corpus/HELD-OUT.tsv, the project's list of documents held out for evaluation, which
# bench/prepare_data.py needs before it writes the ANT splits (it stops without it), and the
# SaudiNewsNet corpus that bench/spark.sh reads. Never run by the tests or by `mvn -B install`.
set -euo pipefail
given="${1:-}"
[[ -z $given || $given == /* ]] || given="$PWD/$given"   # a relative SHARED is relative to where you are
cd "$(dirname "$0")/.."
shared="${given:-../shared}"
mawqif_ref="${MAWQIF_REF:-HEAD}"
ant_ref="${ANT_REF:-HEAD}"
mawqif="$shared/benchmarks/mawqif"
ant="$shared/benchmarks/ant-topic"
py=$(command -v python3 || true)
[[ -n $py ]] || { echo "bench/fetch_data.sh: needs python3 (to check and convert the files)" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench/fetch_data.sh: needs curl" >&2; exit 2; }

echo "bench/fetch_data.sh: writing under $shared/benchmarks/"
mkdir -p "$mawqif" "$ant"

fetch() { # URL DEST: download to DEST unless it exists (through a temporary name, so a failed download leaves nothing)
  if [[ -e $2 ]]; then echo "  kept     $2 (already there)"; return; fi
  echo "  download $1"
  echo "        -> $2"
  curl -fSL --retry 3 -o "$2.part" "$1" && mv "$2.part" "$2"
}

# ------------------------------------------------------------------ Mawqif
raw="https://raw.githubusercontent.com/NoraAlt/Mawqif-Arabic-Stance/$mawqif_ref"
echo "Mawqif (https://github.com/NoraAlt/Mawqif-Arabic-Stance, $mawqif_ref):"
fetch "$raw/Data/Mawqif_AllTargets_Train.csv" "$mawqif/train.csv"
fetch "$raw/Data/Mawqif_AllTargets_Test.csv" "$mawqif/test.csv"
fetch "$raw/Annotations_guidelines.md" "$mawqif/ANNOTATION_GUIDELINES.md"
"$py" - "$mawqif" <<'PY'
import csv, sys
# The figures in docs/BENCHMARKS.md were measured on these row counts.
for name, expected in (("train.csv", 3502), ("test.csv", 619)):
    with open(f"{sys.argv[1]}/{name}", encoding="utf-8-sig", newline="") as f:
        r = csv.DictReader(f)
        missing = {"ID", "text", "target", "stance"} - set(r.fieldnames or [])
        if missing:
            sys.exit(f"  {name}: columns {sorted(missing)} missing: not the Mawqif file the benchmark reads")
        n = sum(1 for _ in r)
    note = "as measured" if n == expected else f"the benchmark figures were measured on {expected}"
    print(f"  {name}: {n} rows ({note})")
PY

# ------------------------------------------------------------------ ANT
tsv="$ant/ant_v2.1_multisource.tsv"
echo "ANT v2.1 (https://github.com/antcorpus/antcorpus.multisource.data, $ant_ref):"
if [[ -e $tsv ]]; then
  echo "  kept     $tsv (already there)"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if command -v git >/dev/null && [[ $ant_ref == HEAD ]]; then
    echo "  git clone --depth 1 https://github.com/antcorpus/antcorpus.multisource.data (about 32,000 small files)"
    git clone -q --depth 1 https://github.com/antcorpus/antcorpus.multisource.data "$tmp/ant"
  else
    url="https://github.com/antcorpus/antcorpus.multisource.data/archive/$ant_ref.tar.gz"
    echo "  download $url"
    mkdir -p "$tmp/ant"
    curl -fSL --retry 3 "$url" | tar -xz -C "$tmp/ant" --strip-components=1
  fi
  echo "  convert  -> $tsv"
  "$py" - "$tmp/ant" "$tsv.part" <<'PY'
import collections, csv, os, re, sys
src, out = sys.argv[1], sys.argv[2]
def tag(doc, name):
    m = re.search(r"<%s>(.*?)</%s>" % (name, name), doc, re.S)
    return m.group(1).strip() if m else ""
rows, skipped = [], 0
for source in sorted(os.listdir(src)):
    top = os.path.join(src, source)
    if source.startswith(".") or not os.path.isdir(top):
        continue
    for folder, _, files in sorted(os.walk(top)):
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                doc = f.read()
            docno, label = tag(doc, "DOCNO"), tag(doc, "CAT")
            if not docno or not label:
                skipped += 1
                continue
            text = " ".join(" ".join(line.split()) for line in tag(doc, "TEXT").splitlines() if line.strip())
            title = " ".join(tag(doc, "TITLE").split())
            rows.append([label, source, docno, tag(doc, "TIME"), title, text])
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, delimiter="\t", quotechar='"', lineterminator="\n")
    w.writerow(["label", "source", "docno", "date", "title", "text"])
    w.writerows(rows)
by_source = collections.Counter(r[1] for r in rows)
print(f"  {len(rows)} articles ({', '.join(f'{s} {n}' for s, n in sorted(by_source.items()))}); {skipped} files without DOCNO or CAT skipped")
print("  (the benchmark figures were measured on a file of 31,525 articles: SkyNews 13,708, Alarabia 6,519,"
      " France24 3,976, BBC 3,815, CNN 3,507)")
PY
  mv "$tsv.part" "$tsv"
fi

held="$shared/corpus/HELD-OUT.tsv"
if [[ ! -f $held ]]; then
  echo "note: $held is missing. bench/prepare_data.py (and so bench/quality.sh ant, bench/run.sh ant)"
  echo "      stops without the project's list of held-out documents; Mawqif does not need it."
fi
echo "done. Next: bash bench/quality.sh mawqif   (or: /usr/bin/python3 bench/prepare_data.py --shared $shared)"

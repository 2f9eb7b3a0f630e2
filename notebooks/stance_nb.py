"""Helpers shared by the notebooks: run the project's CLI (bin/stance) and read what it prints.

The Java CLI is the one implementation of training, scoring and metrics; this module only calls it
and turns its JSON/CSV output into pandas objects for tables and plots.
"""
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import display

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = NOTEBOOKS / "out"            # ignored by git: the notebooks' own model and scores
FIGURES = NOTEBOOKS / "figures"    # committed: the main figure of each notebook
DATA = ROOT / "datasets" / "iraq-presence"
MODEL = OUT / "model.zip"
MANIFEST = OUT / "manifest.json"

TRAIN_ARGS = ["train", "datasets/iraq-presence/train.csv",
              "--dev", "datasets/iraq-presence/dev.csv",
              "--test", "datasets/iraq-presence/test.csv",
              "-o", "notebooks/out/model.zip", "--labels", "iraq-presence",
              # the shipped model's configuration: the defaults, word vectors included (models/README.md)
              "--json"]

SOURCE_GROUPS = {"seeds/": "seeds", "shared/corpus/": "annotation pool", "ant:": "ANT selection", "authored:": "authored (2019-2026, training only)"}


def stance(*args, quiet=True):
    """Run `bin/stance ARGS` from the repository root and return its standard output.

    Raises with the end of standard error when the command fails, so a notebook cell fails too."""
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    p = subprocess.run([str(ROOT / "bin" / "stance"), *map(str, args)], cwd=ROOT,
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"bin/stance {' '.join(map(str, args))} exited with {p.returncode}:\n"
                           + p.stderr[-4000:])
    if not quiet and p.stderr.strip():
        print(p.stderr.rstrip())
    return p.stdout


def train_default():
    """Train the default configuration into notebooks/out/model.zip; save and return its manifest."""
    OUT.mkdir(exist_ok=True)
    text = stance(*TRAIN_ARGS)
    MANIFEST.write_text(text, encoding="utf-8")
    return json.loads(text)


def notebook_model():
    """Manifest of notebooks/out/model.zip, training it the same way as 02-training when it is absent."""
    if not MODEL.exists():
        print("notebooks/out/model.zip is absent: training it (as in 02-training.ipynb)")
        return train_default()
    return json.loads(stance("inspect", MODEL.relative_to(ROOT), "--json"))


def read_csv(path):
    """A dataset CSV with every column as text (labels such as 'None' stay strings)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "sentence_id" in df:
        df["sentence_id"] = df["sentence_id"].astype(int)
    return df


def source_group(source):
    """seeds / annotation pool / ANT selection, from the `source` column."""
    for prefix, name in SOURCE_GROUPS.items():
        if source.startswith(prefix):
            return name
    return "other"


def _flatten(record):
    row = {"skipped": record.get("skipped")}
    for task in ("stance", "topic"):
        scores = record.get(task)
        if scores:
            row[task] = scores["label"]
            row[f"{task}_p"] = scores["probability"]
            row[f"{task}_probs"] = scores["probabilities"]
    return row


def _target_args(target):
    """`--target T` for a model that reads the target as an input; nothing otherwise (the CLI refuses a
    target the model cannot use, and the default configuration does not read it: there the target
    column is a label, not an input)."""
    reads_target = notebook_model()["features"]["useTarget"]
    return ["--target", target] if target and reads_target else []


def score_sentences(texts, target=""):
    """Score one sentence per line with `score --sentences --format jsonl` and the notebook model.

    The target is passed as `score --target` would when the model reads it. Returns one row per input text, in order:
    predicted label, its probability and all probabilities per task (stance, topic), and `skipped`
    for lines the CLI did not score."""
    texts = [" ".join(str(t).split()) for t in texts]   # one line each, whatever the whitespace
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sentences.txt"
        path.write_text("\n".join(texts) + "\n", encoding="utf-8")
        out = stance("score", "-m", MODEL.relative_to(ROOT), "--sentences", "--format", "jsonl",
                     *_target_args(target), path)
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    records = [r for r in records if r.get("type") == "sentence"]
    assert len(records) == len(texts), f"{len(records)} records for {len(texts)} sentences"
    return pd.DataFrame([_flatten(r) for r in records])


def score_test():
    """test.csv joined with the notebook model's scores of each row, scored as `evaluate` scores it:
    `stance score test.csv` reads the CSV by its columns, each row a sentence in its article (the
    labels equal evaluate's; a test checks it), with all labels' probabilities."""
    test = read_csv(DATA / "test.csv")
    out = stance("score", "-m", MODEL.relative_to(ROOT), "--format", "jsonl", (DATA / "test.csv").relative_to(ROOT))
    rows = {}
    for line in out.splitlines():
        r = json.loads(line)
        if r["type"] != "sentence":
            continue
        row = {"pred_skipped": r.get("skipped")}
        for task in ("stance", "topic"):
            if r.get(task):
                row[f"pred_{task}"] = r[task]["label"]
                row[f"pred_{task}_p"] = r[task]["probability"]
                row[f"pred_{task}_probs"] = r[task]["probabilities"]
        rows[(str(r["article_id"]), str(r["sentence_id"]))] = row
    keys = [(str(a), str(s)) for a, s in zip(test["article_id"], test["sentence_id"])]
    return test.join(pd.DataFrame([rows[k] for k in keys], index=test.index))


def score_articles(*paths, target=""):
    """`score FILES --format jsonl [--target T]`: (sentences, articles) as lists of dicts."""
    out = stance("score", "-m", MODEL.relative_to(ROOT), "--format", "jsonl", *_target_args(target), *paths)
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    return ([r for r in records if r["type"] == "sentence"],
            [r for r in records if r["type"] == "article"])


def show_markdown(text):
    """Display CLI Markdown output (rendered, with the raw text as the plain fallback)."""
    display({"text/markdown": text, "text/plain": text}, raw=True)


_tables = 0


def show_text_table(df, text_columns=("text",), precision=3):
    """A table whose Arabic text columns read right to left; probabilities rounded."""
    global _tables
    _tables += 1   # stable ids: re-running a notebook does not rewrite every table's HTML
    styler = df.style.set_uuid(f"t{_tables}").hide(axis="index").format(precision=precision)
    cols = [c for c in text_columns if c in df.columns]
    if cols:
        styler = styler.set_properties(subset=cols, **{"direction": "rtl", "text-align": "right",
                                                       "min-width": "30em"})
    # HTML for notebook viewers, plain text as the fallback (no object address that changes every run).
    display({"text/html": styler.to_html(), "text/plain": df.to_string(index=False)}, raw=True)


def save_figure(fig, name):
    """Save a figure as notebooks/figures/NAME.png (and keep it in the notebook output)."""
    FIGURES.mkdir(exist_ok=True)
    fig.savefig(FIGURES / f"{name}.png", dpi=110, bbox_inches="tight")
    print(f"saved notebooks/figures/{name}.png")


def heatmap(ax, matrix, rows, cols, title, row_label, col_label, normalise_rows=True):
    """Counts annotated in each cell; colour by share of the row (so rare classes stay visible)."""
    import numpy as np
    m = np.asarray(matrix, dtype=float)
    shade = m / np.maximum(m.sum(axis=1, keepdims=True), 1) if normalise_rows else m / max(m.max(), 1)
    ax.imshow(shade, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(cols)), cols, rotation=35, ha="right")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel(col_label)
    ax.set_ylabel(row_label)
    ax.set_title(title)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            ax.text(j, i, f"{int(m[i, j])}", ha="center", va="center",
                    color="white" if shade[i, j] > 0.6 else "black", fontsize=9)

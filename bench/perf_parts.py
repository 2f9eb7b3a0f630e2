"""Splits a `perf script -F comm,tid,ip,sym` of a stance run into the parts of the whole process.

Each sample goes to the part its innermost frame of a known kind names (a String method called by the
normaliser counts as normalisation); samples of the JIT's and GC's threads to those; the rest to "other".
Reads the script on stdin and prints one line per part: name, samples, share. Used by bench/profile.sh.
"""
import sys, re, collections

CATS = [
 ("model load", re.compile(r"org\.stance\.artifact\.|StanceModel\.load|ModelCodec|EmbeddingsCodec|Featurizer\.of|Classifier\.restore|ZipFile|Inflater")),
 ("output: JSON records", re.compile(r"JsonLinesWriter|com\.fasterxml\.jackson|ScoreWriter|OutputOption|Progress")),
 ("record building", re.compile(r"LabelScores|SentenceScore|ArticleAggregator|ArticleScore")),
 ("scoring: features, projection, heads", re.compile(r"SentenceProjection|Predictor|Classifier|NgramExtractor|WordEmbeddings|SubwordTable|StringIndex|LongIntMap|Featurizer|TermCounts|ArticleContext")),
 ("segmentation", re.compile(r"SentenceSegmenter|Boilerplate")),
 ("normalisation, tokenising", re.compile(r"ArabicNormalizer|Tokenizer")),
 ("input: reading, decoding", re.compile(r"LineReader|TextFiles|ScoreInputs|InputFiles|UTF_8\$Decoder|FileInputStream|readBytes|CheckedArticle")),
 ("command line (picocli)", re.compile(r"picocli")),
]
def classify(thread, frames):
    if thread.startswith("C1 Compiler") or thread.startswith("C2 Compiler"):
        return "JIT compilation"
    if thread.startswith("GC Thread") or thread.startswith("G1 "):
        return "GC"
    if thread.startswith("stance-model-lo") or thread.startswith("stance-embeddin") or thread.startswith("stance-ngrams-r"):
        return "model load"
    for f in frames:  # leaf first
        for name, rx in CATS:
            if rx.search(f):
                return name
    if any("Interpreter" in f for f in frames[:1]):
        return "other: interpreted before compiled"
    return "other (JVM start, class loading, kernel)"
counts = collections.Counter(); total = 0
thread = None; frames = []
def flush():
    global total
    if thread is not None:
        counts[classify(thread, frames)] += 1; total += 1
for line in sys.stdin:
    if not line.strip():
        flush(); thread = None; frames = []; continue
    if not line.startswith((" ", "\t")):
        flush(); frames = []
        thread = line.split()[0] if line.split() else ""
        # comm can contain spaces (e.g. "C1 CompilerThre"): take text before the pid
        m = re.match(r"^(.*?)\s+\d+(/\d+)?\s", line)
        if m: thread = m.group(1).strip()
    else:
        frames.append(line.strip())
flush()
for k, v in counts.most_common():
    print(f"{k}\t{v}\t{100.0*v/total:.1f}%")
print(f"total\t{total}")

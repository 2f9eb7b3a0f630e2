"""The timed runs that bench/scoring.sh and bench/spark.sh record, one line per run:
NAME WALL-S CPU-S PEAK-KB LOAD1 (CPU = user + system; LOAD1 = the 1-minute load average just before it)."""
import statistics


class Runs:
    def __init__(self, path):
        self.by_name = {}
        for line in open(path):
            who, wall, cpu, kb, load = line.split()
            self.by_name.setdefault(who, []).append((float(wall), float(cpu), int(kb), float(load)))

    def count(self, who):
        return len(self.by_name[who])

    def med(self, who, i):
        """The median of column i (0 wall, 1 CPU, 2 peak KB, 3 load) over the runs of who."""
        return statistics.median(r[i] for r in self.by_name[who])

    def span(self, who, i, digits=2):
        values = [r[i] for r in self.by_name[who]]
        return f"{min(values):.{digits}f}-{max(values):.{digits}f}"

    def loads(self, who):
        return self.span(who, 3, 1)

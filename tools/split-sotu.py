#!/usr/bin/env python3
"""Splits the State of the Union corpus by address, in time: the last 10 addresses are the test set, the 10 before
them validation, the rest training (the split of issue 19's word-level language models).

Each address starts with a line "= YEAR NAME =" and runs to the next such line; the files keep those lines.

Usage: tools/split-sotu.py [CORPUS] [OUT_DIR]
  CORPUS   data/state-of-the-union.txt.gz (default) or the plain .txt
  OUT_DIR  where sotu.train.txt, sotu.valid.txt and sotu.test.txt go (default: out/sotu)
"""
import gzip
import os
import sys

TEST, VALID = 10, 10


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "state-of-the-union.txt.gz")
    out = sys.argv[2] if len(sys.argv) > 2 else "out/sotu"
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8", newline="") as f:
        text = f.read()
    addresses, current = [], []
    for line in text.splitlines(keepends=True):
        if line.startswith("= ") and line.rstrip().endswith(" =") and current:
            addresses.append("".join(current))
            current = []
        current.append(line)
    if current:
        addresses.append("".join(current))
    if len(addresses) <= TEST + VALID:
        sys.exit(f"error: {corpus} has {len(addresses)} addresses; need more than {TEST + VALID}")
    parts = {
        "train": addresses[: -(TEST + VALID)],
        "valid": addresses[-(TEST + VALID): -TEST],
        "test": addresses[-TEST:],
    }
    os.makedirs(out, exist_ok=True)
    for name, chunk in parts.items():
        path = os.path.join(out, f"sotu.{name}.txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(chunk))
        first, last = chunk[0].split("\n", 1)[0], chunk[-1].split("\n", 1)[0]
        print(f"{path}: {len(chunk)} addresses, {first} … {last}")


if __name__ == "__main__":
    main()

"""Group the words of stanza's English word vectors into clusters for the quote tagger.

Usage (writes ``service/nlp/quote_tagger_words.tsv``):

    STANZA_RESOURCES_DIR=../shared/stanza_resources .venv/bin/python bench/word_clusters.py

The vectors are the ones the default English NER model depends on, as
``resources.json`` in ``STANZA_RESOURCES_DIR`` names them. Words are clustered
twice by spherical k-means (cosine similarity, a fixed seed, a fixed number of
rounds): into ``--fine`` and ``--coarse`` clusters. The tagger uses a word's two
cluster numbers as features, so a cue word seldom seen in training (``slammed``)
can borrow what was learned for words like it. Each line of the output is
``word<TAB>fine<TAB>coarse``, in the vectors' order. Rebuild the tagger after
changing it (``bench/train_quote_tagger.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.nlp.quote_tagger import WORDS_PATH  # noqa: E402

_SPECIAL = frozenset({"<PAD>", "<UNK>", "<EMPTY>", "<ROOT>"})


def vectors_path(resources: Path, lang: str = "en") -> Path:
    """The word vectors the default NER model of ``lang`` depends on."""
    index = json.loads((resources / "resources.json").read_text(encoding="utf-8"))[lang]
    package = index["default_processors"]["ner"]
    for dependency in index["ner"][package].get("dependencies", ()):
        if dependency["model"] == "pretrain":
            return resources / lang / "pretrain" / f"{dependency['package']}.pt"
    raise SystemExit(f"the {lang} NER package {package!r} names no word vectors")


def k_means(vectors: np.ndarray, k: int, rounds: int, seed: int) -> np.ndarray:
    """Spherical k-means: the cluster of each (unit-length) row."""
    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), k, replace=False)]
    for _ in range(rounds):
        assigned = np.argmax(vectors @ centres.T, axis=1)
        for j in range(k):
            members = vectors[assigned == j]
            if len(members):
                centre = members.mean(axis=0)
                centres[j] = centre / (np.linalg.norm(centre) + 1e-9)
    return np.argmax(vectors @ centres.T, axis=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--resources", type=Path, default=Path(os.environ.get("STANZA_RESOURCES_DIR", ""))
    )
    parser.add_argument("--out", type=Path, default=WORDS_PATH)
    parser.add_argument("--fine", type=int, default=256)
    parser.add_argument("--coarse", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args(argv)

    path = vectors_path(args.resources)
    data = torch.load(path, map_location="cpu", weights_only=True)
    words = list(data["vocab"]["_id2unit"])
    vectors = data["emb"].numpy().astype(np.float64)
    keep = [i for i, w in enumerate(words) if w not in _SPECIAL and "\t" not in w and w.strip()]
    words = [words[i] for i in keep]
    vectors = vectors[keep]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    fine = k_means(vectors, args.fine, args.rounds, seed=0)
    coarse = k_means(vectors, args.coarse, args.rounds, seed=1)
    lines = [f"{w}\t{f}\t{c}\n" for w, f, c in zip(words, fine, coarse, strict=True)]
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {args.out}: {len(words)} words from {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

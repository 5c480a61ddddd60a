"""Deadlines for annotations, checked between stanza's batches.

A torch call cannot be interrupted from outside, so a long annotation is
stopped cooperatively: every model of the pipeline checks the deadline before
each batch it predicts (the tokenizer and the NER model work in batches of
paragraphs and sentences), and the annotator checks it between its own steps.
An annotation therefore stops at most one batch after its deadline.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def install_checkpoints(pipeline: Any, check: Callable[[], None]) -> list[str]:
    """Make every model in ``pipeline`` call ``check`` before each batch it predicts.

    ``check`` raises to stop the annotation. Returns the names of the processors
    whose models were hooked; a processor stanza runs without a model (or whose
    model has no ``predict``) is left alone and still checked between steps.
    """
    hooked = []
    for name, processor in getattr(pipeline, "processors", {}).items():
        trainers = getattr(processor, "trainers", None) or [getattr(processor, "trainer", None)]
        found = False
        for trainer in trainers:
            predict = getattr(trainer, "predict", None)
            if callable(predict):
                trainer.predict = _checked(predict, check)
                found = True
        if found:
            hooked.append(name)
    return hooked


def _checked(predict: Callable[..., Any], check: Callable[[], None]) -> Callable[..., Any]:
    @functools.wraps(predict)
    def run(*args: Any, **kwargs: Any) -> Any:
        check()
        return predict(*args, **kwargs)

    return run

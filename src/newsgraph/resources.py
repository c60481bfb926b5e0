"""What the runner gives each stage's factory: the resources it loads once per worker.

A stage is made by a factory `make_<stage>(resources: Resources) -> StageFunc`, named in
`newsgraph.pipeline.STAGES`. The runner builds one `Resources` per `Analyzer` (so once per
worker process), calls each chosen stage's factory with it before the first article, and
then calls the returned function once per `Document`. A stage never loads a resource on
its own: it asks its factory's `resources` for it.

To plug in a learned model (an event classifier, a place ranker ...), add a lazily loaded
attribute here (like `gazetteer`), give its location a field in `Settings` if it is
configurable, and have the stage's factory read it and pass it to the stage's code, e.g.

    def make_events(resources: Resources) -> StageFunc:
        classifier = resources.event_classifier   # loaded once per worker
        return lambda document: add_events(document, classifier)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.geo.gazetteer import Gazetteer
    from newsgraph.stages.portrayal_model import PortrayalModel
    from newsgraph.stages.tone_lexicon import ToneLexicon


@dataclass
class Resources:
    """Shared, read-only inputs of the stages, loaded on first request and then kept."""

    reference_date: date
    """The run's "today": relative expressions of articles without a publish date that
    need a present (a decade written "'90s") are read against it."""
    gazetteer_path: str | None = None
    """The places index; None: the packaged one (built on first use)."""
    _gazetteer: Gazetteer | None = field(default=None, init=False, repr=False)
    _tone_lexicon: ToneLexicon | None = field(default=None, init=False, repr=False)
    _portrayal_model: PortrayalModel | None = field(default=None, init=False, repr=False)

    @property
    def gazetteer(self) -> Gazetteer:
        """The places index, opened once per `Resources` (the entities and places stages)."""
        if self._gazetteer is None:
            from newsgraph.geo.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer(self.gazetteer_path)
        return self._gazetteer

    @property
    def tone_lexicon(self) -> ToneLexicon:
        """VADER's word ratings (the tone stage), loaded once per process."""
        if self._tone_lexicon is None:
            self._tone_lexicon = shared_tone_lexicon()
        return self._tone_lexicon

    @property
    def portrayal_model(self) -> PortrayalModel:
        """The shipped portrayal model (the portrayal stage), loaded once per process."""
        if self._portrayal_model is None:
            self._portrayal_model = shared_portrayal_model()
        return self._portrayal_model


# Read-only once loaded, so every `Resources` of a process (one per `Analyzer`: a run that
# analyses several batches of sources, or `watch` at each cycle) shares one copy instead of
# reading the files again (about 0.1 s of CPU for both).


@lru_cache(maxsize=1)
def shared_tone_lexicon() -> ToneLexicon:
    """VADER's word list and analyser, loaded at the first request of the process."""
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    return load_tone_lexicon()


@lru_cache(maxsize=1)
def shared_portrayal_model() -> PortrayalModel:
    """The shipped portrayal model, loaded at the first request of the process."""
    from newsgraph.stages.portrayal_model import load_portrayal_model

    return load_portrayal_model()

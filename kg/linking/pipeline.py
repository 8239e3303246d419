"""The linker as a spaCy pipeline over a blank ``zh`` language: registrations and the builder.

Registered here (spaCy's registries, versioned names; the config file chooses them):

- tokenizer ``jinling.char_tokenizer.v1``: one token per character. spaCy's own ``char``
  segmenter runs its rule tokenizer (about 70,000 characters/s here) and jieba segments at
  about the speed we must link at; making the Doc straight from the characters runs at about
  2,000,000 characters/s, needs no model, and lets every mention become a span whatever its
  offsets. Nothing depends on word segmentation.
- components ``jinling_normalizer`` → ``jinling_gazetteer`` → ``jinling_recognizers`` →
  ``jinling_dates`` → ``jinling_resolver`` → ``jinling_disambiguator``; each is a
  ``Doc → Doc`` callable that declares what it assigns (Doc extensions ``jl_*``, and
  ``doc.ents`` with ``kb_id_`` at the end).
- recognisers in ``registry.misc``: ``jinling.works.v1``, ``jinling.persons.v1``,
  ``jinling.suffixes.v1``, ``jinling.periods.v1`` (see `kg.linking.recognizers`).

The default config is ``kg/linking/linker.cfg``.
"""

from __future__ import annotations

from pathlib import Path

from kg.linking.errors import LinkConfigError

CONFIG_PATH = Path(__file__).with_name("linker.cfg")
EXTENSIONS = ("jl_text", "jl_norm", "jl_proposals", "jl_candidates", "jl_years", "jl_mentions",
              "jl_gazetteer")


def spacy_modules():
    """spaCy, imported on first use with an install hint."""
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("the entity linker needs spaCy: .venv/bin/pip install 'spacy>=3.8,<4'"
                          ) from err
    return spacy


def register() -> None:
    """Register the tokenizer, the components and the recognisers (once per process)."""
    from spacy.tokens import Doc

    from kg.linking import components, recognizers  # noqa: F401 - they register on import

    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def build(gazetteer, config_path: Path | None = None, overrides: dict | None = None):
    """A spaCy ``Language`` that links with this gazetteer.

    Args:
        gazetteer: the compiled `kg.linking.gazetteer.Gazetteer`.
        config_path: the config file (default ``kg/linking/linker.cfg``).
        overrides: config values by dotted path, e.g.
            ``{"components.jinling_disambiguator.threshold": 0.4}``.

    Raises:
        LinkConfigError: the config cannot be read or names something not registered.
    """
    spacy = spacy_modules()
    register()
    path = config_path or CONFIG_PATH
    try:
        config = spacy.util.load_config(path, overrides=overrides or {}, interpolate=True)
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except (OSError, ValueError, KeyError) as err:
        message = " ".join(str(err).split())
        raise LinkConfigError(f"{path}: {message}") from None
    for _, component in nlp.pipeline:
        if hasattr(component, "set_gazetteer"):
            component.set_gazetteer(gazetteer)
    return nlp

"""The command line's own words in English and Norwegian Bokmål."""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("en", "nb")

_TEXT: dict[str, dict[str, str]] = {
    "error": {"en": "error", "nb": "feil"},
    "refused": {"en": "refused", "nb": "avvist"},
    "id": {"en": "id", "nb": "id"},
    "modality": {"en": "modality", "nb": "modalitet"},
    "source": {"en": "source", "nb": "kilde"},
    "valid_from": {"en": "valid from", "nb": "gyldig fra"},
    "title": {"en": "title", "nb": "tittel"},
    "rules_title": {"en": "Rule catalogue", "nb": "Regelkatalog"},
    "obligations_title": {"en": "Obligations on {day}", "nb": "Forpliktelser per {day}"},
    "routine": {"en": "routine", "nb": "rutine"},
    "status": {"en": "status", "nb": "status"},
    "due": {"en": "due", "nb": "frist"},
    "what": {"en": "what", "nb": "hva"},
    "who": {"en": "who", "nb": "hvem"},
    "rule": {"en": "rule", "nb": "regel"},
    "aggregate": {"en": "aggregate", "nb": "aggregat"},
    "version": {"en": "version", "nb": "versjon"},
    "time": {"en": "time", "nb": "tid"},
    "actor": {"en": "actor", "nb": "utført av"},
    "event": {"en": "event", "nb": "hendelse"},
    "history_title": {"en": "History of {id}", "nb": "Historikk for {id}"},
    "no_history": {"en": "No events for {id}.", "nb": "Ingen hendelser for {id}."},
    "outbox_title": {"en": "Outbox", "nb": "Utboks"},
    "key": {"en": "key", "nb": "nøkkel"},
    "effect": {"en": "effect", "nb": "virkning"},
    "attempts": {"en": "attempts", "nb": "forsøk"},
    "result": {"en": "result", "nb": "resultat"},
    "delivered": {
        "en": "Delivered {delivered}, retrying {retried}, failed {failed}.",
        "nb": "Levert {delivered}, prøver igjen {retried}, feilet {failed}.",
    },
    "retried": {"en": "{n} item(s) made pending again.", "nb": "{n} element(er) satt i kø igjen."},
    "totals": {"en": "Totals", "nb": "Totalt"},
    "advisories": {"en": "Advisories", "nb": "Råd"},
    "export_collect": {
        "en": "Collecting delivered journal posts",
        "nb": "Henter leverte journalposter",
    },
    "export_write": {"en": "Writing {n} journal posts", "nb": "Skriver {n} journalposter"},
    "export_validate": {"en": "Validating against Noark 5", "nb": "Validerer mot Noark 5"},
    "exported": {
        "en": "Wrote {posts} journal posts to {path} (validated: {validated}).",
        "nb": "Skrev {posts} journalposter til {path} (validert: {validated}).",
    },
    "upgraded": {
        "en": "Schema of {store} is at {revision}.",
        "nb": "Skjemaet i {store} er på {revision}.",
    },
}

STATUS_WORDS = {
    "due": {"en": "due", "nb": "løpende"},
    "overdue": {"en": "overdue", "nb": "forfalt"},
    "met": {"en": "met", "nb": "oppfylt"},
}


def resolve_lang(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` wins; otherwise ``LANG`` starting with nb/no/nn gives Norwegian."""
    if option in LANGS:
        return option
    env = os.environ if environ is None else environ
    lang = env.get("LANG", "") or env.get("LC_ALL", "")
    return "nb" if lang.lower().startswith(("nb", "no", "nn")) else "en"


def t(key: str, lang: str, **values: object) -> str:
    return _TEXT[key].get(lang, _TEXT[key]["en"]).format(**values)


def all_keys() -> tuple[str, ...]:
    return tuple(_TEXT)

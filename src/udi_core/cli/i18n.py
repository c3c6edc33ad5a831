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
    "done": {
        "en": "Done: {command} on {id} (version {version}).",
        "nb": "Utført: {command} på {id} (versjon {version}).",
    },
    "done_result": {"en": "Done: {command}: {result}", "nb": "Utført: {command}: {result}"},
    "nothing_changed": {"en": "nothing changed", "nb": "ingen endring"},
    "advice": {"en": "advisory", "nb": "råd"},
    "employee": {"en": "employee", "nb": "ansatt"},
    "ground": {"en": "ground", "nb": "grunnlag"},
    "case_fields": {"en": "case fields", "nb": "saksfelt"},
    "since": {"en": "since", "nb": "siden"},
    "reviewers": {"en": "reviewers", "nb": "annenhåndsbehandlere"},
    "share": {"en": "share", "nb": "andel"},
    "overview_title": {
        "en": "Under second-hand review in {id}",
        "nb": "Under annenhåndsbehandling i {id}",
    },
    "category": {"en": "category", "nb": "kategori"},
    "case": {"en": "case", "nb": "sak"},
    "replaced_by": {"en": "replaced by", "nb": "erstattet av"},
    "bank_title": {"en": "Decision bank of {id}", "nb": "Vedtaksbank for {id}"},
    "readiness_title": {
        "en": "What activation of {id} still needs",
        "nb": "Hva aktivering av {id} fortsatt krever",
    },
    "country": {"en": "country", "nb": "land"},
    "why": {"en": "why", "nb": "hvorfor"},
    "missing": {"en": "missing", "nb": "mangler"},
    "preparedness_title": {
        "en": "Countries lacking practice documents (SP-02)",
        "nb": "Land som mangler praksisdokumentasjon (SP-02)",
    },
    "archive_case": {"en": "archive case", "nb": "arkivsak"},
    "knowledge_title": {"en": "Knowledge base: {id}", "nb": "Kunnskapsbase: {id}"},
    "forum": {"en": "forum", "nb": "forum"},
    "gaps_title": {"en": "What the {id} network lacks", "nb": "Hva {id}-nettverket mangler"},
    "cadence_title": {"en": "Meetings of the {id} network", "nb": "Møter i {id}-nettverket"},
    "met_on": {"en": "met on", "nb": "oppfylt"},
    "mh_dry_run": {
        "en": "KOM {year}: {n} case(s) would lose MH; {unmarked} no longer carry it; "
        "{retained} retained; {done} handled already.",
        "nb": "KOM {year}: {n} sak(er) ville miste MH; {unmarked} har den ikke lenger; "
        "{retained} beholdes; {done} er allerede behandlet.",
    },
    "mh_removing": {"en": "Removing MH (KOM {year})", "nb": "Fjerner MH (KOM {year})"},
    "mh_removed": {
        "en": "KOM {year}: removed MH from {n} case(s) now, {total} in all; complete: {completed}.",
        "nb": "KOM {year}: fjernet MH fra {n} sak(er) nå, {total} i alt; ferdig: {completed}.",
    },
    "units_registered": {
        "en": "{n} units registered: {units}",
        "nb": "{n} enheter registrert: {units}",
    },
    "demo_playing": {"en": "Playing the year", "nb": "Spiller året"},
    "demo_dashboard": {
        "en": "Obligations on {day}, per routine and status",
        "nb": "Forpliktelser per {day}, etter rutine og status",
    },
    "demo_overdue": {"en": "Overdue, with their rules", "nb": "Forfalt, med regler"},
    "demo_refusals": {
        "en": "Refused by MUST rules, as the year expected",
        "nb": "Avvist av MÅ-regler, som året forventet",
    },
    "demo_journal": {
        "en": "Journal posts registered in WebSak",
        "nb": "Journalposter registrert i WebSak",
    },
    "step": {"en": "step", "nb": "steg"},
    "detail": {"en": "detail", "nb": "detalj"},
    "demo_hint": {
        "en": " Look further: udi obligations --store {store} --as-of {as_of}; "
        "udi history trafficking --store {store}",
        "nb": " Se videre: udi obligations --store {store} --as-of {as_of}; "
        "udi history trafficking --store {store}",
    },
    "document_number": {"en": "document number", "nb": "dokumentnummer"},
    "type": {"en": "type", "nb": "type"},
    "demo_summary": {
        "en": "Wrote {events} events from {commands} commands ({advisories} advisories) to "
        "{store}; delivered {delivered} outbox items ({retried} retrying, {failed} failed): "
        "{posts} journal posts to WebSak ({journal}), {codes_set} DUF codes set and "
        "{codes_removed} removed in DUF ({duf}).",
        "nb": "Skrev {events} hendelser fra {commands} kommandoer ({advisories} råd) til "
        "{store}; leverte {delivered} utbokselementer ({retried} prøver igjen, {failed} "
        "feilet): {posts} journalposter til WebSak ({journal}), {codes_set} DUF-koder satt "
        "og {codes_removed} fjernet i DUF ({duf}).",
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

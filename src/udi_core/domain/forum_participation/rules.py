"""The rules of IM 2011-013, "Organisering og oppfølging av UDIs internasjonale arbeid".

Valid from 2011-06-27, the IM's document date (dokumentdato). The IM's only recorded
change (11.03.2013) revised it after a new strategy for 2013-2015 without saying which
rules changed, so every rule keeps the original date; a later split would add new Rule
objects with their own ``valid_from``.

Modality follows the wording: "skal" is MUST, "som utgangspunkt" / "som hovedregel" /
"vurderes" is SHOULD, dated duties are DEADLINE, recurring ones CADENCE. Two rules have a
MUST part and a SHOULD part and are split:

- IFP-06 (MUST): where no leader attends, the position is anchored beforehand; IFP-06b
  (SHOULD): attendance is "som hovedregel" at leader level.
- IFP-14 is MUST ("skal det ligge en oversikt over aktuelle arkivsaker"): it has no date,
  so it is neither DEADLINE nor CADENCE; what can be checked is that the overview exists
  per field and is kept by that field's coordinator, who alone may change it.
"""

from __future__ import annotations

from datetime import date

from udi_core.domain.kernel.identifiers import ImId
from udi_core.domain.kernel.rules import Modality, Rule

IM = ImId(2011, 13)
VALID_FROM = date(2011, 6, 27)


def _rule(rule_id: str, modality: Modality, section: str, en: str, nb: str) -> Rule:
    return Rule(rule_id, modality, IM, section, VALID_FROM, en, nb)


IFP_01 = _rule(
    "IFP-01",
    Modality.MUST,
    "§3.1",
    "AUA is told when a department is asked to contribute internationally",
    "AUA skal orienteres når avdelingene får henvendelser om å bidra internasjonalt",
)
IFP_02 = _rule(
    "IFP-02",
    Modality.MUST,
    "§3.1",
    "Participation is assessed on the agenda, cost against expected benefit, and what UDI "
    "can contribute",
    "Deltakelse vurderes ut fra agendaens innhold, kostnader ved deltakelse og forventet "
    "gevinst, og det bidrag UDIs deltakelse kan gi",
)
IFP_03 = _rule(
    "IFP-03",
    Modality.MUST,
    "§3.1",
    "Participation is cleared by the department concerned in consultation with AUA's "
    "International unit; no attendance without clearance",
    "Deltakelse på internasjonale møter klareres av aktuell fagavdeling i samråd med AUA "
    "ved Internasjonal enhet",
)
IFP_04 = _rule(
    "IFP-04",
    Modality.MUST,
    "§3.1",
    "The participant is chosen for competence and continuity",
    "Ved utvelgelse av møtedeltager skal både kompetanse og kontinuitet vurderes",
)
IFP_05 = _rule(
    "IFP-05",
    Modality.SHOULD,
    "§3.1",
    "AUA attends strategic-level forums; departments attend where rules or practice are "
    "interpreted",
    "Som utgangspunkt deltar AUA i fora der temaer er på overordnet, strategisk nivå; "
    "fagavdelingene deltar særlig i fora der tolkning av regelverk og/eller praksis diskuteres",
)
IFP_06 = _rule(
    "IFP-06",
    Modality.MUST,
    "§3.2",
    "Where no leader attends, UDI's position is anchored beforehand, internally or with "
    "the ministry",
    "Hvis ledelsen ikke deltar, skal tilstrekkelig forankring sikres ved at deltaker, internt "
    "eller med departementet, avklarer hva vi skal mene og gi uttrykk for",
)
IFP_06b = _rule(
    "IFP-06b",
    Modality.SHOULD,
    "§3.2",
    "Participation is as a main rule at leader level",
    "Deltakelse på internasjonale møter skal som hovedregel være på ledernivå",
)
IFP_07 = _rule(
    "IFP-07",
    Modality.MUST,
    "§3.2",
    "AUA is contacted where UDI's contribution needs a principled or strategic clarification",
    "AUA skal kontaktes når UDIs bidrag krever prinsipielle og strategiske avklaringer",
)
IFP_08 = _rule(
    "IFP-08",
    Modality.SHOULD,
    "§3.2",
    "The need for an internal pre-meeting and an options memo to leadership is assessed",
    "Behovet for interne formøter skal vurderes, og om det er behov for å legge opp et "
    "veivalgsnotat til ledelsen",
)
IFP_09 = _rule(
    "IFP-09",
    Modality.MUST,
    "§3.2",
    "Where UDI attends alone and the invitation points to law changes, budget consequences "
    "or political sensitivity, the ministry is consulted before the meeting",
    "Dersom det i innkallinger der UDI deltar alene indikeres saker som kan medføre "
    "lovendringer i Norge, ha budsjettmessige konsekvenser eller er politisk sensitive, skal "
    "departementet konsulteres i forkant av møtet",
)
IFP_10 = _rule(
    "IFP-10",
    Modality.DEADLINE,
    "§4.1",
    "A report within two weeks after the meeting, or when the official minutes are "
    "available, as an internal note (X) to IGS and the department concerned",
    "Frist for rapportering er to uker etter at møtet er avholdt, eventuelt når offisielt "
    "referat foreligger; rapporteringen opprettes som egen journalpost (Internt notat X)",
)
IFP_11 = _rule(
    "IFP-11",
    Modality.DEADLINE,
    "§4.1",
    "Minutes to the ministry within the same deadline, as an outgoing letter from the "
    "department director with a copy to IGS",
    "Referater fra møter i regi av Schengen, EASO, EMN, GDISC og NU der Justisdepartementet "
    "ikke deltar, og fra møter der spørsmål av prinsipiell karakter er drøftet, sendes "
    "departementet som «Brev ut» fra avdelingsdirektør med kopi til IGS",
)
IFP_12 = _rule(
    "IFP-12",
    Modality.DEADLINE,
    "§2.3",
    "Each coordinator writes a short annual report or analysis note in WebSak by 1 May",
    "Koordinatorene skal skrive korte årlige rapporteringer eller analysenotater som legges "
    "i WebSak for orientering til ledelsen (innen 1. mai)",
)
IFP_13 = _rule(
    "IFP-13",
    Modality.CADENCE,
    "§2.1, §2.2",
    "The directors' meeting takes up international work once a year; meetings with JD and "
    "with UD twice a year",
    "Direktørmøtet behandler sak om UDIs internasjonale arbeid én gang i året; halvårlige "
    "møter med Justisdepartementet og med Utenriksdepartementet",
)
IFP_14 = _rule(
    "IFP-14",
    Modality.MUST,
    "§4.2",
    "The coordinator keeps a knowledge base with an overview of the relevant archive cases",
    "Koordinator har ansvar for å etablere og vedlikeholde en base for informasjon om sitt "
    "felt, med en oversikt over aktuelle arkivsaker",
)

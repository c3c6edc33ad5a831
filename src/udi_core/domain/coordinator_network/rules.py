"""The rules of IM 2018-001 and IM 2018-002 (coordinator networks), one object per rule.

Valid-from dates: IM 2018-001 rules from its document date 05.01.2018 (its change log
writes 1/5/2018 in US order); IM 2018-002 rules from its document date 20.02.2018; CN-09
from 23.09.2019, the change that added the task of removing "MH".

Modalities DOMAIN.md leaves open, chosen from the seed's wording:
- CN-03 MUST: "RMA har ... en kontaktperson ved hvert av UDIs regionkontorer", and the
  contacts "er ikke medlemmer ..., men skal veiledes" by the RMA representative.
- CN-07 MAY: "Medlemmene kan melde inn generelle problemstillinger" (a permission held by
  members; someone who is not a member has no such permission and is refused under it).
- CN-10 MUST: the AUA coordinator "skal ... samordne UDIs innspill" to KOM's report.
- CN-11 MUST: Regionkontor Øst "har ... et særskilt ansvar for ... å gi beskjed til ASA";
  only that office records a ROSA priority notice.
- CN-12 MUST: the OPA coordinator "er UDIs kontaktpunkt" for reflection and limited
  permits and reports their statistics; only that coordinator reports them.
CN-01 holds in both IMs: CN-01 cites IM 2018-001 (the violence and FGM networks) and
CN-01b the same rule in IM 2018-002 (the trafficking network). CN-02b is the MAY of
IM 2018-001 §6 (other resource persons).
"""

from __future__ import annotations

from datetime import date

from udi_core.domain.kernel.identifiers import ImId
from udi_core.domain.kernel.rules import Modality, Rule

IM_2018_001 = ImId(2018, 1)
IM_2018_002 = ImId(2018, 2)
FROM_2018_001 = date(2018, 1, 5)
FROM_2018_002 = date(2018, 2, 20)
FROM_MH_REMOVAL = date(2019, 9, 23)

CN_01 = Rule(
    "CN-01",
    Modality.MUST,
    IM_2018_001,
    "§1, §3",
    FROM_2018_001,
    "The violence and FGM networks are each led by a coordinator placed in AUA/RVE",
    "Koordinatoren er plassert i RVE og skal lede og koordinere arbeidet i det interne "
    "fagnettverket",
)
CN_01b = Rule(
    "CN-01b",
    Modality.MUST,
    IM_2018_002,
    "§1, §4",
    FROM_2018_002,
    "The network against human trafficking is led by the AUA coordinator placed in RVE",
    "Arbeidet organiseres av en koordinator som er plassert i RVE, som leder et internt "
    "fagnettverk mot menneskehandel",
)
CN_02 = Rule(
    "CN-02",
    Modality.MUST,
    IM_2018_001,
    "§4, §5",
    FROM_2018_001,
    "Each network has representatives from ASA, OPA and RMA; the RMA representative also "
    "keeps the overview of regional-office contacts and child-marriage cases",
    "Nettverket skal bestå av representanter fra Asylavdelingen (ASA), Oppholdsavdelingen "
    "(OPA) og Region- og mottaksavdelingen (RMA)",
)
CN_02b = Rule(
    "CN-02b",
    Modality.MAY,
    IM_2018_001,
    "§6",
    FROM_2018_001,
    "The networks may include other resource persons in UDI when needed",
    "Nettverkene kan inkludere andre ressurspersoner i UDI ved behov",
)
CN_03 = Rule(
    "CN-03",
    Modality.MUST,
    IM_2018_001,
    "§5, §6.1",
    FROM_2018_001,
    "RMA has a contact person at every regional office for each field; the contacts are "
    "not network members and are guided by the RMA representative",
    "RMA har en kontaktperson ved hvert av UDIs regionkontorer på fagfeltene; "
    "kontaktpersonene er ikke medlemmer i nettverkene, men skal veiledes av RMAs representant",
)
CN_04 = Rule(
    "CN-04",
    Modality.MUST,
    IM_2018_002,
    "§4, §5",
    FROM_2018_002,
    "The trafficking network's core is the coordinators in AUA, OPA (Område for "
    "utvisning), ASA (ASA fagstab) and RMA (RMA fagstab)",
    "Kjernen i nettverket er koordinatorene i AUA, OPA, ASA og RMA; OPAs koordinator er "
    "plassert i Område for utvisning, ASAs i ASA fagstab og RMAs i RMAs fagstab",
)
CN_05 = Rule(
    "CN-05",
    Modality.CADENCE,
    IM_2018_002,
    "§4",
    FROM_2018_002,
    "The core meets once a month; the whole network meets at least four times a year",
    "Koordinatorene har faste møter en gang i måneden; hele nettverket møtes minst fire "
    "ganger i året",
)
CN_06 = Rule(
    "CN-06",
    Modality.MUST,
    IM_2018_002,
    "§6",
    FROM_2018_002,
    "Contact persons: OPA in family immigration and in visa, work and study; ASA in every "
    "relevant decision unit; RMA in the return unit and at every regional office",
    "Avdelingene skal ha kontaktpersoner med særlig ansvar for menneskehandelsaker i "
    "enheter/områder der det er behov for slik kompetanse",
)
CN_07 = Rule(
    "CN-07",
    Modality.MAY,
    IM_2018_002,
    "§4",
    FROM_2018_002,
    "Members may submit general issues for the network to discuss",
    "Medlemmene kan melde inn generelle problemstillinger de mener bør diskuteres i nettverket",
)
CN_08 = Rule(
    "CN-08",
    Modality.MUST,
    IM_2018_002,
    "§4",
    FROM_2018_002,
    "Decisions in individual cases are made in the line, never by the network",
    "Avgjørelser i enkeltsaker tas i linja",
)
CN_09 = Rule(
    "CN-09",
    Modality.MUST,
    IM_2018_002,
    "§3",
    FROM_MH_REMOVAL,
    "The AUA coordinator removes the DUF code MH from the cases reported to KOM whose code "
    "is no longer needed, after KOM's report is published, and from no others",
    "Koordinatoren i AUA skal slette karakteristikkoden «MH» fra aktuelle saker i DUF når "
    "saken er rapportert inn til KOM og det ikke lenger er behov for koden",
)
CN_10 = Rule(
    "CN-10",
    Modality.MUST,
    IM_2018_002,
    "§3",
    FROM_2018_002,
    "The AUA coordinator coordinates UDI's input to KOM's annual report",
    "Koordinatoren i AUA skal samordne UDIs innspill til den årlige rapporteringen til KOM",
)
CN_11 = Rule(
    "CN-11",
    Modality.MUST,
    IM_2018_002,
    "§6.3",
    FROM_2018_002,
    "Regionkontor Øst contacts the ROSA project about crisis-shelter placements and tells "
    "ASA that those cases are to be prioritised",
    "Regionkontor Øst har ansvar for å ha kontakt med ROSA-prosjektet om plassering på "
    "krisesentre, og å gi beskjed til ASA om at disse sakene skal prioriteres",
)
CN_12 = Rule(
    "CN-12",
    Modality.MUST,
    IM_2018_002,
    "§5",
    FROM_2018_002,
    "The OPA coordinator is the contact point for reflection and limited residence permits "
    "and reports their statistics",
    "Koordinatoren i OPA er UDIs kontaktpunkt for søknader om refleksjon eller begrenset "
    "oppholdstillatelse, og rapporterer statistikk og tendenser",
)

"""The rules of IM 2016-003, sharing a portfolio between ASA units (one constant per rule).

Every rule is valid from 11 May 2016, the IM's first version; the change of 16 January 2018
only renamed the Ankomstenheten (ANK) to the Koordineringsenheten (KOR). Where DOMAIN.md
states no modality, the comment on the rule says which wording of the seed decided it.
"""

from __future__ import annotations

from datetime import date

from udi_core.domain.kernel.identifiers import ImId
from udi_core.domain.kernel.rules import Modality, Rule

IM = ImId(2016, 3)
VALID_FROM = date(2016, 5, 11)

# §4 "Ansvarsfordeling - sjekkliste" says what each role "skal gjøre" (§1): MUST. Enforced as
# the roles (exactly one responsible unit, one or more assisting units), who may act for
# a role, and the lifecycle planned -> preparing -> active -> ended.
SP_01 = Rule(
    "SP-01",
    Modality.MUST,
    IM,
    "§1, §4",
    VALID_FROM,
    "Roles with checklists: ASA leadership, one responsible unit, assisting units, "
    "the interview network and the system group",
    "Ansvarsfordeling – sjekkliste: ASA ledelse, fagansvarlig enhet, bistandsenhet, "
    "intervjufaglig nettverk og Fagsystemgruppen",
)
SP_02 = Rule(
    "SP-02",
    Modality.MUST,
    IM,
    "§4.1, §5",
    VALID_FROM,
    "Up-to-date practice documentation at all times for the five largest arrival countries "
    "and countries expected to rise",
    "Til enhver tid oppdatert dokumentasjon på praksis om de fem største ankomstlandene og "
    "land med forventet sterk økning",
)
SP_03 = Rule(
    "SP-03",
    Modality.MUST,
    IM,
    "§4.1, §6.1",
    VALID_FROM,
    "The responsible unit's production requirement is reduced before sharing starts and "
    "during ordinary operation",
    "Produksjonskravet for fagansvarlig enhet må nedjusteres i forberedelsesfasen og under "
    "ordinær drift",
)
SP_03b = Rule(
    "SP-03b",
    Modality.SHOULD,
    IM,
    "§6",
    VALID_FROM,
    "The responsible unit should be given an interview-free period while preparing",
    "Det bør vurderes å gi fagansvarlig enhet en periode med intervjufri i tilretteleggingsfasen",
)
SP_04 = Rule(
    "SP-04",
    Modality.MUST,
    IM,
    "§4.2, §7",
    VALID_FROM,
    "The responsible unit defines the categories (complexity, competence for risk "
    "assessments); the categorisation is presented to PU before use",
    "Fagansvarlig enhet definerer kriterier for kategorisering; kategoriseringen må legges "
    "fram for PU",
)
SP_05 = Rule(
    "SP-05",
    Modality.MUST,
    IM,
    "§4.5",
    VALID_FROM,
    "The system group creates a DUF marking code for each category; a categorised case "
    "carries its category's code",
    "Fagsystemgruppen oppretter merkingskoder i DUF for differensiering av saker",
)
SP_06 = Rule(
    "SP-06",
    Modality.MUST,
    IM,
    "§7",
    VALID_FROM,
    "Sorting is done by KOR or the responsible unit, from the PU arrival registration",
    "Silingen skjer i KOR eller fagansvarlig enhet basert på ankomstregistreringen fra PU",
)
SP_07 = Rule(
    "SP-07",
    Modality.MUST,
    IM,
    "§4.2, §8",
    VALID_FROM,
    "Training before start for every participating unit: Landinfo introduction, practice "
    "review, interview-guide review, interview practice and country-specific strategy",
    "Opplæring før oppstart: innføring hos Landinfo, gjennomgang av praksis, av "
    "intervjuguide og av intervjupraksis og landspesifikk intervjustrategi",
)
SP_07b = Rule(
    "SP-07b",
    Modality.SHOULD,
    IM,
    "§8",
    VALID_FROM,
    "BFE and F1 are invited to the training, as they handle cases from every country",
    "BFE og F1 inviteres til opplæringen da de behandler saker fra alle land",
)
SP_08 = Rule(
    "SP-08",
    Modality.MUST,
    IM,
    "§4.3, §9",
    VALID_FROM,
    "Every assisting unit appoints its own country-practice contacts",
    "Alle bistandsenheter utnevner egne landpraksiskontakter i sin enhet",
)
SP_08b = Rule(
    "SP-08b",
    Modality.SHOULD,
    IM,
    "§9",
    VALID_FROM,
    "Every participating unit should have two country-practice contacts; the interview "
    "coordinator may be one of them",
    "Hver enhet som deltar bør ha to landpraksiskontakter; intervjufaglig koordinator kan "
    "være den ene",
)
SP_09 = Rule(
    "SP-09",
    Modality.MUST,
    IM,
    "§7",
    VALID_FROM,
    "Distribution: a unit only takes categories it is cleared for, and every unit must in "
    "time take all categories",
    "Enhetene som deltar må etter hvert opparbeide kompetanse til å ta alle kategorier",
)
SP_09b = Rule(
    "SP-09b",
    Modality.SHOULD,
    IM,
    "§7",
    VALID_FROM,
    "The responsible unit should get a share of the easy cases from the start and not be "
    "left with only the hardest",
    "Fagansvarlig enhet bør også få en andel av de enkle sakene fra begynnelsen og ikke "
    "sitte med bare de vanskeligste",
)
# §9: the responsible unit "etablerer en vedtaksbank"; "alle saksbehandlere må være klar
# over" the entries may be dated; it "sørger for at" outdated decisions are removed or
# marked with an explanation: MUST. "bør inneholde mange saker" is SP-10b (SHOULD).
SP_10 = Rule(
    "SP-10",
    Modality.MUST,
    IM,
    "§9",
    VALID_FROM,
    "The responsible unit keeps the decision bank; an outdated decision is removed or "
    "marked with an explanation; readers are told entries may not reflect today's practice",
    "Fagansvarlig enhet etablerer en vedtaksbank; enkeltvedtak som ikke lenger stemmer med "
    "gjeldende praksis fjernes eller merkes med forklaring",
)
SP_10b = Rule(
    "SP-10b",
    Modality.SHOULD,
    IM,
    "§9",
    VALID_FROM,
    "The decision bank should hold many cases, from all categories",
    "Vedtaksbanken bør inneholde mange saker, fra alle kategorier",
)
# §9 lists the forums among "tiltak som er aktuelle ved deling av portefølje" (measures
# that are relevant), not as "skal": SHOULD.
SP_11 = Rule(
    "SP-11",
    Modality.SHOULD,
    IM,
    "§9",
    VALID_FROM,
    "A practice forum where all country-practice contacts take part, and a solution corner "
    "open for discussing individual cases",
    "Praksisforum der alle landpraksiskontaktene deltar, og løsningskrok for drøfting av "
    "enkeltsaker",
)
# §10 "Utgangspunktet er at enhetene selv har ansvaret for å intervjue og fatte vedtak i
# de sakene den får tildelt": MUST for the decision. "2.- og 3.-håndsbehandling skal
# normalt skje i enhetens egen linje" is a main rule with exceptions: SP-12b (SHOULD).
SP_12 = Rule(
    "SP-12",
    Modality.MUST,
    IM,
    "§10",
    VALID_FROM,
    "Each unit interviews and decides the cases assigned to it",
    "Enhetene har selv ansvaret for å intervjue og fatte vedtak i de sakene de får tildelt",
)
SP_12b = Rule(
    "SP-12b",
    Modality.SHOULD,
    IM,
    "§10",
    VALID_FROM,
    "Second- and third-hand processing normally happens in the unit's own line",
    "2.- og 3.-håndsbehandling skal normalt skje i enhetens egen linje",
)
# §6 lists the responsible unit's tasks ("Varsle og involvere Landinfo, BFE og F1",
# "Vurdere behovet for deling av sidesakene") without "skal"; the issue does not make them
# a condition for activation: SHOULD, shown as advisories when sharing starts without them.
SP_13 = Rule(
    "SP-13",
    Modality.SHOULD,
    IM,
    "§6",
    VALID_FROM,
    "The responsible unit notifies and involves Landinfo, BFE and F1, and weighs sharing "
    "the side cases",
    "Fagansvarlig enhet varsler og involverer Landinfo, BFE og F1, og vurderer behovet for "
    "deling av sidesakene",
)

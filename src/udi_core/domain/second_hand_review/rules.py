"""The rules of IM 2015-002 "Rutiner for annenhåndsbehandling i Oppholdsavdelingen".

One :class:`Rule` per rule id; the titles in Norwegian follow the wording of the IM.
The IM has one version (22.01.2015), so every rule is valid from that date.
"""

from __future__ import annotations

from datetime import date

from udi_core.domain.kernel.identifiers import ImId
from udi_core.domain.kernel.rules import Modality, Rule

IM_2015_002 = ImId(2015, 2)
VALID_FROM = date(2015, 1, 22)

SHR_01 = Rule(
    "SHR-01",
    Modality.MUST,
    IM_2015_002,
    "§1, §2",
    VALID_FROM,
    "Only the unit leader organises second-hand review in the unit and appoints its "
    "reviewers, one or more, from the unit",
    "Enhetsleder har ansvaret for organiseringen av annenhåndsbehandlingen i sin enhet og "
    "utpeker én eller flere medarbeidere som skal fungere som annenhåndsbehandlere i enheten",
)

SHR_02 = Rule(
    "SHR-02",
    Modality.SHOULD,
    IM_2015_002,
    "§2",
    VALID_FROM,
    "The appointment weighs the appointee's professional level; the basis is recorded",
    "Enhetsleder skal se hen til den aktuelle medarbeiderens faglige nivå",
)

SHR_03 = Rule(
    "SHR-03",
    Modality.MUST,
    IM_2015_002,
    "§3",
    VALID_FROM,
    "Only the unit leader decides that an employee puts cases in second-hand review; the "
    "ground and the case fields in scope are recorded",
    "Enhetsleder beslutter om en medarbeider skal legge saker i annenhånd (opplæring: "
    "nyansatte og medarbeidere som har flyttet mellom avdelinger, områder eller enheter; "
    "eller behov for å heve kompetansen innenfor et saksfelt)",
)

SHR_04 = Rule(
    "SHR-04",
    Modality.MUST,
    IM_2015_002,
    "§3",
    VALID_FROM,
    "The unit leader has at all times an overview of the employees in the unit under review",
    "Enhetsleder skal til enhver tid ha oversikt over hvilke medarbeidere i enheten som "
    "legger saker i annenhånd",
)

SHR_05 = Rule(
    "SHR-05",
    Modality.MUST,
    IM_2015_002,
    "§3",
    VALID_FROM,
    "Review is made visible: the decision carries two signatures (the caseworker's and a "
    "reviewer's) or a note in the case says it was reviewed",
    "Annenhåndsbehandling skal synliggjøres ved at vedtaket i saken har to underskrifter, "
    "eller ved at det fremgår av et notat i saken at den er behandlet i annenhånd",
)

SHR_06 = Rule(
    "SHR-06",
    Modality.MUST,
    IM_2015_002,
    "§2",
    VALID_FROM,
    "The reviewer keeps the unit leader informed of the development of the employees they "
    "follow up",
    "Annenhåndsbehandleren skal holde enhetsleder orientert om utviklingen til medarbeidere "
    "vedkommende har ansvar for å følge opp",
)

SHR_07 = Rule(
    "SHR-07",
    Modality.MUST,
    IM_2015_002,
    "§4",
    VALID_FROM,
    "Only the unit leader ends second-hand review, in consultation with the reviewer",
    "Enhetsleder beslutter opphør av bruk av annenhåndsbehandling; avgjørelsen tas i samråd "
    "med annenhåndsbehandleren",
)

SHR_08 = Rule(
    "SHR-08",
    Modality.MUST,
    IM_2015_002,
    "§4",
    VALID_FROM,
    "Review does not end before the employee handles the cases in line with the standards "
    "for those case types",
    "Annenhåndsbehandlingen skal ikke avsluttes før medarbeideren behandler sakene i tråd med "
    "standardene for god saksbehandling som gjelder for de aktuelle sakstypene",
)

SHR_09 = Rule(
    "SHR-09",
    Modality.MAY,
    IM_2015_002,
    "§4",
    VALID_FROM,
    "Review may end gradually: case field by case field, or a lower share of cases reviewed",
    "Opphør av bruk av annenhåndsbehandling kan også skje gradvis",
)

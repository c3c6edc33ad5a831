"""``udi review``: second-hand review in a unit (IM 2015-002)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from udi_core.cli.common import Actor, Clock, Json, Lang, Store, execute, group, query
from udi_core.cli.i18n import resolve_lang, t

cli = group("Second-hand review of decisions in a unit (IM 2015-002).")

Unit = Annotated[str, typer.Option("--unit", help="The unit (the review's id), e.g. OPA-E1.")]
Decision = Annotated[
    str, typer.Argument(help="The decision: DUF case number and sequence, e.g. 201512345601-1.")
]
Employee = Annotated[str, typer.Argument(help="The employee's id.")]
Fields = Annotated[
    list[str],
    typer.Option("--field", help="A case field (repeat), e.g. family_immigration, visa."),
]
Consulted = Annotated[
    str, typer.Option("--consulted", help="The reviewer consulted before ending (SHR-07).")
]
Consultation = Annotated[
    str, typer.Option("--consultation", help="What the consultation concluded.")
]


@cli.command("appoint")
def appoint(
    reviewer: Employee,
    unit: Unit,
    actor: Actor,
    basis: Annotated[
        str, typer.Option("--basis", help="The appointee's professional level (SHR-02).")
    ] = "",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The unit leader appoints a reviewer from the unit."""
    from udi_core.app.second_hand_review import AppointReviewer

    execute(
        AppointReviewer(actor, unit, reviewer, basis), store, clock, resolve_lang(lang), json_out
    )


@cli.command("revoke")
def revoke(
    reviewer: Employee,
    unit: Unit,
    actor: Actor,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The unit leader revokes a reviewer's appointment."""
    from udi_core.app.second_hand_review import RevokeReviewer

    execute(RevokeReviewer(actor, unit, reviewer), store, clock, resolve_lang(lang), json_out)


@cli.command("place")
def place(
    employee: Employee,
    unit: Unit,
    actor: Actor,
    ground: Annotated[str, typer.Option("--ground", help="new_hire, moved or competence_need.")],
    fields: Fields,
    reviewers: Annotated[
        list[str], typer.Option("--reviewer", help="An appointed reviewer (repeat).")
    ],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The unit leader places an employee under review: ground, case fields, reviewers."""
    from udi_core.app.second_hand_review import PlaceUnderReview

    command = PlaceUnderReview(actor, unit, employee, ground, tuple(fields), tuple(reviewers))
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("draft")
def draft(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    field: Annotated[str, typer.Option("--field", help="The decision's case field.")],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """A caseworker of the unit drafts a decision."""
    from udi_core.app.second_hand_review import DraftCaseDecision

    execute(
        DraftCaseDecision(actor, unit, decision, field), store, clock, resolve_lang(lang), json_out
    )


@cli.command("sign")
def sign(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The author, or a second signer (a reviewer or the unit leader), signs."""
    from udi_core.app.second_hand_review import SignCaseDecision

    execute(SignCaseDecision(actor, unit, decision), store, clock, resolve_lang(lang), json_out)


@cli.command("note")
def note(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    text: Annotated[str, typer.Option("--text", help="The review note in the case.")],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """A reviewer or the unit leader notes in the case that the decision was reviewed."""
    from udi_core.app.second_hand_review import WriteReviewNote

    execute(
        WriteReviewNote(actor, unit, decision, text), store, clock, resolve_lang(lang), json_out
    )


@cli.command("return")
def return_(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    comments: Annotated[str, typer.Option("--comments", help="What to revise.")],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """A reviewer or the unit leader returns a decision for revision."""
    from udi_core.app.second_hand_review import ReturnCaseDecision

    command = ReturnCaseDecision(actor, unit, decision, comments)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("finalise")
def finalise(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The author finalises the decision (in scope: only when review is visible)."""
    from udi_core.app.second_hand_review import FinaliseCaseDecision

    execute(FinaliseCaseDecision(actor, unit, decision), store, clock, resolve_lang(lang), json_out)


@cli.command("progress")
def progress(
    employee: Employee,
    unit: Unit,
    actor: Actor,
    text: Annotated[str, typer.Option("--text", help="The development seen.")],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """A reviewer tells the unit leader how an employee they follow develops (SHR-06)."""
    from udi_core.app.second_hand_review import NoteReviewProgress

    execute(
        NoteReviewProgress(actor, unit, employee, text), store, clock, resolve_lang(lang), json_out
    )


@cli.command("end")
def end(
    employee: Employee,
    unit: Unit,
    actor: Actor,
    consulted: Consulted,
    consultation: Consultation,
    fields: Annotated[
        list[str] | None,
        typer.Option("--field", help="End only these case fields (repeat; default: all)."),
    ] = None,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The unit leader ends review, after consulting the reviewer (SHR-07, SHR-08)."""
    from udi_core.app.second_hand_review import EndReview

    command = EndReview(actor, unit, employee, consulted, consultation, tuple(fields or ()))
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("lower-share")
def lower_share(
    employee: Employee,
    unit: Unit,
    actor: Actor,
    share: Annotated[int, typer.Option("--share", help="The new share of decisions, percent.")],
    consulted: Consulted,
    consultation: Consultation,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The unit leader lowers the share of the employee's decisions drawn for review."""
    from udi_core.app.second_hand_review import LowerReviewShare

    command = LowerReviewShare(actor, unit, employee, share, consulted, consultation)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("overview")
def overview(
    unit: Unit,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Who in the unit is under review, for which case fields, since when, with whom."""
    from udi_core.cli.common import open_app

    language = resolve_lang(lang)
    with open_app(store, clock, language, json_out) as app:
        found = app.reviews.overview(unit)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [
            (
                r.employee,
                r.ground.value,
                ", ".join(f.value for f in r.case_fields),
                r.since.isoformat(),
                ", ".join(str(e) for e in r.reviewers),
                f"{r.share_percent} %",
            )
            for r in value
        ]

    headers = [t(k, language) for k in ("employee", "ground", "case_fields", "since")]
    headers += [t("reviewers", language), t("share", language)]
    query(found, language, json_out, t("overview_title", language, id=unit), headers, rows)

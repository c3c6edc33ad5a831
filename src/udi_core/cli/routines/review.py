"""``udi review``: second-hand review in a unit (IM 2015-002)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from udi_core.cli.common import Actor, Common, common_command, group
from udi_core.cli.i18n import t

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


@common_command(cli, "appoint")
def appoint(
    reviewer: Employee,
    unit: Unit,
    actor: Actor,
    basis: Annotated[
        str, typer.Option("--basis", help="The appointee's professional level (SHR-02).")
    ] = "",
    *,
    common: Common,
) -> None:
    """The unit leader appoints a reviewer from the unit."""
    from udi_core.app.second_hand_review import AppointReviewer

    common.execute(AppointReviewer(actor, unit, reviewer, basis))


@common_command(cli, "revoke")
def revoke(reviewer: Employee, unit: Unit, actor: Actor, *, common: Common) -> None:
    """The unit leader revokes a reviewer's appointment."""
    from udi_core.app.second_hand_review import RevokeReviewer

    common.execute(RevokeReviewer(actor, unit, reviewer))


@common_command(cli, "place")
def place(
    employee: Employee,
    unit: Unit,
    actor: Actor,
    ground: Annotated[str, typer.Option("--ground", help="new_hire, moved or competence_need.")],
    fields: Fields,
    reviewers: Annotated[
        list[str], typer.Option("--reviewer", help="An appointed reviewer (repeat).")
    ],
    *,
    common: Common,
) -> None:
    """The unit leader places an employee under review: ground, case fields, reviewers."""
    from udi_core.app.second_hand_review import PlaceUnderReview

    command = PlaceUnderReview(actor, unit, employee, ground, tuple(fields), tuple(reviewers))
    common.execute(command)


@common_command(cli, "draft")
def draft(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    field: Annotated[str, typer.Option("--field", help="The decision's case field.")],
    *,
    common: Common,
) -> None:
    """A caseworker of the unit drafts a decision."""
    from udi_core.app.second_hand_review import DraftCaseDecision

    common.execute(DraftCaseDecision(actor, unit, decision, field))


@common_command(cli, "sign")
def sign(decision: Decision, unit: Unit, actor: Actor, *, common: Common) -> None:
    """The author, or a second signer (a reviewer or the unit leader), signs."""
    from udi_core.app.second_hand_review import SignCaseDecision

    common.execute(SignCaseDecision(actor, unit, decision))


@common_command(cli, "note")
def note(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    text: Annotated[str, typer.Option("--text", help="The review note in the case.")],
    *,
    common: Common,
) -> None:
    """A reviewer or the unit leader notes in the case that the decision was reviewed."""
    from udi_core.app.second_hand_review import WriteReviewNote

    common.execute(WriteReviewNote(actor, unit, decision, text))


@common_command(cli, "return")
def return_(
    decision: Decision,
    unit: Unit,
    actor: Actor,
    comments: Annotated[str, typer.Option("--comments", help="What to revise.")],
    *,
    common: Common,
) -> None:
    """A reviewer or the unit leader returns a decision for revision."""
    from udi_core.app.second_hand_review import ReturnCaseDecision

    command = ReturnCaseDecision(actor, unit, decision, comments)
    common.execute(command)


@common_command(cli, "finalise")
def finalise(decision: Decision, unit: Unit, actor: Actor, *, common: Common) -> None:
    """The author finalises the decision (in scope: only when review is visible)."""
    from udi_core.app.second_hand_review import FinaliseCaseDecision

    common.execute(FinaliseCaseDecision(actor, unit, decision))


@common_command(cli, "progress")
def progress(
    employee: Employee,
    unit: Unit,
    actor: Actor,
    text: Annotated[str, typer.Option("--text", help="The development seen.")],
    *,
    common: Common,
) -> None:
    """A reviewer tells the unit leader how an employee they follow develops (SHR-06)."""
    from udi_core.app.second_hand_review import NoteReviewProgress

    common.execute(NoteReviewProgress(actor, unit, employee, text))


@common_command(cli, "end")
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
    *,
    common: Common,
) -> None:
    """The unit leader ends review, after consulting the reviewer (SHR-07, SHR-08)."""
    from udi_core.app.second_hand_review import EndReview

    command = EndReview(actor, unit, employee, consulted, consultation, tuple(fields or ()))
    common.execute(command)


@common_command(cli, "lower-share")
def lower_share(
    employee: Employee,
    unit: Unit,
    actor: Actor,
    share: Annotated[int, typer.Option("--share", help="The new share of decisions, percent.")],
    consulted: Consulted,
    consultation: Consultation,
    *,
    common: Common,
) -> None:
    """The unit leader lowers the share of the employee's decisions drawn for review."""
    from udi_core.app.second_hand_review import LowerReviewShare

    command = LowerReviewShare(actor, unit, employee, share, consulted, consultation)
    common.execute(command)


@common_command(cli, "overview")
def overview(unit: Unit, *, common: Common) -> None:
    """Who in the unit is under review, for which case fields, since when, with whom."""
    with common.open_app() as app:
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

    headers = [t(k, common.lang) for k in ("employee", "ground", "case_fields", "since")]
    headers += [t("reviewers", common.lang), t("share", common.lang)]
    common.query(found, t("overview_title", common.lang, id=unit), headers, rows)

"""The ICASA screening questions, with their wording and which answer is the concerning one.

Source: the ICASA program model (shared/seeds/004, Section 2 "Crisis response") as kept
in shared/screening_questions.md. Screening.q1 ... q13 store the answers.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intake.choices import Answer, SleepingPlace


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    concerning: tuple[str, ...] = ()  # answers that raise a concern; () for free text

    @property
    def field(self) -> str:
        return f"q{self.number}"

    @property
    def free_text(self) -> bool:
        return self.number in (5, 6)


QUESTIONS = [
    Question(1, _("Can you leave your job or situation if you want?"), (Answer.NO,)),
    Question(2, _("Can you come and go as you please?"), (Answer.NO,)),
    Question(3, _("Have you been threatened if you try to leave?"), (Answer.YES,)),
    Question(4, _("Have you been physically harmed in any way?"), (Answer.YES,)),
    Question(5, _("What are your working or living conditions like?")),
    Question(6, _("Where do you sleep and eat?")),
    Question(
        7,
        _("Do you sleep in a bed, on a cot or on the floor?"),
        (SleepingPlace.COT, SleepingPlace.FLOOR),
    ),
    Question(
        8, _("Have you ever been deprived of food, water, sleep or medical care?"), (Answer.YES,)
    ),
    Question(
        9, _("Do you have to ask permission to eat, sleep or go to the bathroom?"), (Answer.YES,)
    ),
    Question(
        10, _("Are there locks on your doors and windows so you cannot get out?"), (Answer.YES,)
    ),
    Question(11, _("Has anyone threatened your family?"), (Answer.YES,)),
    Question(12, _("Has your identification or documentation been taken from you?"), (Answer.YES,)),
    Question(
        13, _("Is anyone forcing you to do anything that you do not want to do?"), (Answer.YES,)
    ),
]

TEXT = {q.number: q.text for q in QUESTIONS}


@dataclass(frozen=True)
class Cell:
    text: str
    concerning: bool
    changed: bool  # differs from the screening before it


@dataclass(frozen=True)
class ComparisonRow:
    question: Question
    cells: list[Cell]


@dataclass(frozen=True)
class AnswerRow:
    question: Question
    answer: str
    note: str
    concerning: bool


def concern_q() -> Q:
    """A screening with any concerning answer or any indicator observed: what the
    dashboard counts (intake/counts.py), as a filter on Screening."""
    answers = Q()
    for question in QUESTIONS:
        if question.concerning:
            answers |= Q(**{f"{question.field}__in": list(question.concerning)})
    return answers | ~Q(indicators=[])


def _display(screening, q: Question) -> str:
    value = getattr(screening, q.field)
    return value if q.free_text else getattr(screening, f"get_{q.field}_display")()


def answers(screening) -> list[AnswerRow]:
    """The screening's answers in question order, concerning ones flagged."""
    return [
        AnswerRow(
            question=q,
            answer=_display(screening, q),
            note="" if q.free_text else getattr(screening, f"{q.field}_note"),
            concerning=getattr(screening, q.field) in q.concerning,
        )
        for q in QUESTIONS
    ]


def compare(screenings: list) -> list[ComparisonRow]:
    """How each answer changed across screenings (given oldest first)."""
    rows = []
    for q in QUESTIONS:
        cells, previous = [], None
        for s in screenings:
            value = getattr(s, q.field)
            text = _display(s, q)
            cells.append(
                Cell(
                    text=text or "—",
                    concerning=value in q.concerning,
                    changed=previous is not None and value != previous,
                )
            )
            previous = value
        rows.append(ComparisonRow(q, cells))
    return rows

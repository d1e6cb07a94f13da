"""What the role tests share: the publication day their sentences are read on, the first claim
of an extraction, and an actor's ACLED name."""

from __future__ import annotations

from datetime import date

PUBLISHED = date(2021, 6, 18)


def first_claim(ex):  # type: ignore[no-untyped-def]
    assert ex.claims, "no event"
    return ex.claims[0]


def acled_name(ref) -> str:  # type: ignore[no-untyped-def]
    return (ref.acled_name or ref.name) if ref is not None else ""

"""The country of a catch-all actor ("Protesters (X)", "Rioters (X)", "Civilians (X)",
"Unidentified Armed Group (X)"): the event's place's; when the place gives none, the report's
country, from the places and actors it names; when the report names none, every catch-all alike
takes the knowledge base's default country. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2021, 3, 9)


def _names(ex, event_type: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.actor1.acled_name or c.actor1.name for c in ex.claims
            if c.event_type == event_type and c.actor1 is not None}


@pytest.mark.parametrize(("text", "crowd"), [
    # a demonstration raised to excessive force keeps the country an actor of the report names
    ("On Monday students holding a sit-in outside the ministry were beaten by al-Shabaab "
     "gunmen, who wounded four of them.", "Protesters (Somalia)"),
    ("On Sunday gunmen of Boko Haram opened fire on a rally of traders denouncing new taxes, "
     "injuring six demonstrators.", "Protesters (Nigeria)"),
])
def test_a_crowd_takes_the_country_the_report_names(extract_text, text: str, crowd: str) -> None:
    ex = extract_text(text, published=PUBLISHED)
    assert crowd in _names(ex, "Protests"), [(c.sub_event_type, c.actor1) for c in ex.claims]


def test_catch_alls_share_one_country_when_nothing_names_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    crowd = _names(extract_text("On Tuesday dozens of protesters blocked the main road for "
                                "three hours.", published=PUBLISHED), "Protests")
    armed = _names(extract_text("On Tuesday unidentified gunmen shot dead a shopkeeper.",
                                published=PUBLISHED), "Violence against civilians")
    assert len(crowd) == 1 and len(armed) == 1, (crowd, armed)
    country = next(iter(armed)).rpartition(" (")[2]
    assert next(iter(crowd)) == f"Protesters ({country}", (crowd, armed)

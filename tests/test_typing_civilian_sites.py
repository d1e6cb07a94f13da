"""Event typing by the trigger words (issue #11): an assault on a place where unarmed people gather
is an attack on civilians; territory wrested or taken back changes hands; troops marching are no
protest."""

from __future__ import annotations

from datetime import date

PUBLISHED = date(2021, 3, 4)


def _types(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.sub_event_type for c in ex.claims]


def test_typing_gunmen_storming_a_place_of_worship_is_an_attack(extract_text) -> None:
    ex = extract_text("Gunmen attacked a church in the town of Kafanchan on Wednesday, "
                      "police said.", published=PUBLISHED)
    assert "Attack" in _types(ex) and "Armed clash" not in _types(ex)
    ex = extract_text("Unknown assailants opened fire on a school bus near Quetta on "
                      "Wednesday.", published=PUBLISHED)
    assert "Attack" in _types(ex) and "Armed clash" not in _types(ex)


def test_typing_fighters_named_as_the_target_keep_it_a_clash(extract_text) -> None:
    ex = extract_text("Rebels attacked soldiers guarding a hospital in the town of Kafanchan on "
                      "Wednesday.", published=PUBLISHED)
    assert "Attack" not in _types(ex)


def test_typing_a_site_named_beside_the_target_is_not_the_target(extract_text) -> None:
    ex = extract_text("Insurgents attacked an army checkpoint near a market in the town of "
                      "Kafanchan on Wednesday.", published=PUBLISHED)
    assert "Attack" not in _types(ex)


def test_typing_troops_marching_are_no_protest(extract_text) -> None:
    ex = extract_text("Government troops marched deeper into the province of Tigray on "
                      "Wednesday after the militia withdrew.", published=PUBLISHED)
    assert "Peaceful protest" not in _types(ex)
    ex = extract_text("Thousands of nurses marched through central Lisbon on Wednesday.",
                      published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]


def test_typing_territory_wrested_or_taken_back_changes_hands(extract_text) -> None:
    ex = extract_text("Nigerian troops wrested the town of Kafanchan from the insurgents on "
                      "Wednesday.", published=PUBLISHED)
    assert "Government regains territory" in _types(ex)
    for verb in ("took back", "won back", "reclaimed"):
        ex = extract_text(f"Boko Haram fighters {verb} the town of Kafanchan on Wednesday.",
                          published=PUBLISHED)
        assert "Non-state actor overtakes territory" in _types(ex), verb

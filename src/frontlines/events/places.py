"""Where an event happened: the places of a frame, the report's province, name repairs.

A frame's own places come first (those in its own clause before those under a verb of a clause
below it); a relative or participial clause takes the noun it modifies
("the town of Hazarin, occupied by X"); a nested event takes its governor's; otherwise a place
of the sentence outside side clauses; otherwise, when the sentence names no other place, where
its agent is said to stand ("forces stationed near X shelled"); otherwise the report's
province at geo_precision 3. A frame placed only in a province takes a place of that province
named under its word ("attacked an outpost in X district in southern P"). A dateline city is
never an event place. Names the place matcher
split in two ("Khan al" + "Sobol") are joined back and looked up whole.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from frontlines.events.ontology import Ontology
from frontlines.events.roles import (
    Frame,
    agent_clauses,
    aimed_at,
    blaming_clauses,
    level,
    origins,
    qualify,
    side_clauses,
)
from frontlines.events.sentence import Span, View
from frontlines.geo.kb import load_cue_words, load_demonyms
from frontlines.model import AnnotatedDocument, GeoRef, MentionKind
from frontlines.names import fold, name_key

_DEMONYMS = frozenset(fold(w) for w in load_demonyms())

__all__ = ["drop_dateline", "drop_named_for", "fallback_place", "focus_of", "georef_of",
           "join_split_places", "placed_by_text", "places_for", "topic_of", "unplaced"]


def focus_of(annotated: AnnotatedDocument, places: dict[tuple[int, int], GeoRef]) -> GeoRef | None:
    """The report's province: the most mentioned province (for events placed nowhere more
    precise, geo_precision 3). A town named like its province counts for the province."""
    counts: Counter[str] = Counter()
    refs: dict[str, GeoRef] = {}
    filed = name_key(annotated.document.filed_from or "")
    for m in annotated.mentions:
        if m.kind != MentionKind.PLACE:
            continue
        if (filed and name_key(m.text) == filed) or _capitals(m.text):
            continue  # a dateline ("BEIRUT -") is where the report was filed
        geo = places.get((m.start, m.end))
        if geo is None or not geo.admin1:
            continue
        admin = name_key(geo.admin1)
        if not (geo.geo_precision == 3 and admin in name_key(geo.text)) and \
                name_key(m.text) != admin:
            continue
        counts[admin] += 1
        refs.setdefault(admin, geo)
    if not counts:
        return None
    return refs[counts.most_common(1)[0][0]]


def drop_dateline(view: View, annotated: AnnotatedDocument) -> None:
    filed = annotated.document.filed_from
    if filed:
        key = name_key(filed)
        view.places = [p for p in view.places if name_key(p.mention.text) != key]


def _capitals(text: str) -> bool:
    """A name in capitals ("BEIRUT"): how scrapers leave a dateline in flattened text."""
    return text.isupper() and sum(c.isalpha() for c in text) >= 4


def drop_named_for(view: View, ontology: Any) -> None:
    """Place names that name something else: a dateline in capitals opening a sentence
    ("BEIRUT A counterattack ..."), a government ("the Assad regime", "the Damascus
    government"), a person ("President Bashar Assad", "Assad ally Iran")."""
    titles = ontology.person_titles
    named_after = ontology.government_nouns | ontology.person_nouns
    tokens = view.tokens

    def named_for(p: Span) -> bool:
        if p.first == 0 and p.last + 1 < len(tokens) and _capitals(p.mention.text):
            return True
        if p.first == 0 and _heading_before(p, view):
            return True
        if _person_patient(p, view):
            return True
        k = p.last + 1
        if k < len(tokens) and tokens[k].text.casefold() in ("'s", "’s", "'"):
            k += 1
        if k < len(tokens) and tokens[k].text.casefold() in named_after:
            return True
        before = [tokens[j].text for j in range(max(0, p.first - 2), p.first)]
        if before and before[-1].casefold() in titles:
            return True
        return len(before) == 2 and before[0].casefold() in titles and before[1][:1].isupper()

    view.places = [p for p in view.places if not named_for(p)]


def _heading_before(p: Span, view: View) -> bool:
    """A place name opening the sentence that runs, with no word between, into a force named by
    common nouns written with a capital ("Hama Units of the army killed ...", "Homs Army units
    shelled ..."): a section heading the flattened text glued to the sentence, not where the
    sentence's events happen."""
    for a in view.actors:
        if a.first != p.last + 1:
            continue
        words = a.mention.text.split()
        if len(words) >= 2 and words[0][:1].isupper() and any(w.islower() for w in words[1:]):
            return True  # ("the Free Syrian Army" or "Jaish al-Islam" after a town stays)
    return False


def _person_patient(p: Span, view: View) -> bool:
    """A name no gazetteer places (resolved at most to a province by a guess) that is the
    subject of a verb done to people (kb/places.yaml `cue_words.person_verbs`: "X and Y were
    arrested", "X was executed"): a person, not a place."""
    geo = p.geo
    if geo is not None and not (geo.geo_precision >= 3 and geo.score < 0.5):
        return False
    tokens = view.tokens
    t = tokens[p.last]
    for _ in range(4):  # the name, a conjunct of the subject ("X and Y were arrested") or the
        # first word of a person's name ("A B")
        if t.dep in ("conj", "compound", "flat") and 0 <= t.head < len(tokens) and \
                t.head != t.i:
            t = tokens[t.head]
            continue
        break
    if t.dep not in ("nsubjpass", "nsubj:pass") or not 0 <= t.head < len(tokens):
        return False
    return tokens[t.head].text.casefold() in _CUES.get("person_verbs", frozenset())


def join_split_places(view: View, gazetteer: Any, focus: GeoRef | None) -> None:
    """One name split into two place mentions ("Khan al" + "Sobol", "Tall" + "Hawash") is
    joined back and looked up whole; unknown, it stays a named place of the report's province.
    Two towns resolved confidently whose joined name is no town the gazetteer knows are a list
    that lost its comma, and stay two."""
    spans = sorted(view.places, key=lambda p: p.first)
    out: list[Span] = []
    for p in spans:
        prev = out[-1] if out else None
        gap = p.first - prev.last if prev is not None else 0
        if prev is None or not (gap == 1 or (gap == 2 and view.tokens[prev.last + 1].text in
                                             ("-", "\u2010", "\u2011"))) or _in_province(prev, p) \
                or _country_word(prev) or _country_word(p) or (  # ("Yemen Marib": two names)
                    gap == 2 and _road_after(view, p)):  # ("the A-B road": a road's two ends)
            out.append(p)
            continue
        s = view.sentence
        start, end = view.tokens[prev.first].start, view.tokens[p.last].end
        text = s.text[start - s.start : end - s.start]
        whole = _lookup(text, gazetteer, focus)
        if not (whole.place_id is not None and whole.geo_precision < 2 and whole.score >= (
                _CONFIDENT)) and _point(prev) and _point(p) and not _head_word(prev) and (
                prev.geo.place_id != p.geo.place_id):  # type: ignore[union-attr]
            out.append(p)  # two towns written without a comma ("the villages of X Y and Z")
            continue
        out.pop()
        mention = dataclasses.replace(prev.mention, end=prev.mention.start + len(text),
                                      text=text, ref=None, label=None)
        out.append(Span(prev.first, p.last, mention, whole))
    view.places = out


def _road_after(view: View, span: Span) -> bool:
    """A road word follows the name (kb/places.yaml `road_words`: "the A-B highway")."""
    k = span.last + 1
    return k < len(view.tokens) and view.tokens[k].text.casefold() in _CUES["road_words"]


def _country_word(span: Span) -> bool:
    """A country ("Iraq") or a nationality word ("Iraqi"): it never begins or ends a place name
    (the list "Russia Iran", the country before its town "Iraq Mosul")."""
    return level(span) == 4 or fold(span.mention.text) in _DEMONYMS


def _head_word(span: Span) -> bool:
    """A word that begins a place name and is not one alone ("Jabal", "Tall", "Kafr"): the
    name goes on after it, whatever the gazetteer makes of the word by itself."""
    from frontlines.geo.variants import is_name_head

    return span.first == span.last and is_name_head(span.mention.text)


def _point(span: Span) -> bool:
    """A town or village resolved confidently."""
    geo = span.geo
    return geo is not None and geo.place_id is not None and geo.geo_precision < 3 and \
        geo.score >= _CONFIDENT


def _in_province(town: Span, after: Span) -> bool:
    """"Khanaqin Diyala province": a town, then the province it lies in, both resolved."""
    a, b = town.geo, after.geo
    return a is not None and b is not None and a.place_id is not None and b.place_id is not None \
        and a.geo_precision < 3 and b.geo_precision == 3 and a.score >= 0.75 and b.score >= 0.75 \
        and b.admin1 is not None and b.admin1 == a.admin1


def _lookup(text: str, gazetteer: Any, focus: GeoRef | None) -> GeoRef:
    admin1 = focus.admin1 if focus is not None else None
    if gazetteer is not None:
        try:
            from frontlines.geo import georef_for
            from frontlines.geo.documents import stands_alone

            found = georef_for(text, gazetteer, admin1=admin1)
            if found is not None and found.place_id is not None and stands_alone(
                    found, gazetteer):  # (out of context: no village on another continent)
                return found
        except Exception:
            pass
    if focus is None:
        return GeoRef(text=text, score=0.0)
    return GeoRef(text=text, name=admin1, lat=focus.lat, lon=focus.lon, country=focus.country,
                  admin1=admin1, geo_precision=3, score=0.0)


def places_for(view: View, frame: Frame, ontology: Ontology) -> list[Span]:
    places = [p for p in frame.places if not _in_clause_below(view, frame, p)] or frame.places
    if frame.event.escalation is not None:  # a demonstration
        places = _before_cause(view, frame, places, ontology.near_words)
    attached = view.tokens[frame.pred].dep in ("acl", "relcl")
    if not places and attached:  # "the town of Hazarin, occupied by X": the modified noun
        noun = view.head(frame.pred)
        own = view.subtree(noun) - view.subtree(frame.pred)
        places = qualify(view, [p for p in view.places_in(own) if not view.in_actor(p)],
                         ontology.near_words)
    gov = frame.governor
    while not places and gov is not None and not attached:
        places = gov.places
        gov = gov.governor
    if not places and not frame.event.needs_place:
        root = next((t.i for t in view.tokens if t.head == t.i), 0)
        aside = side_clauses(view, root)
        aside |= agent_clauses(view, frame, ontology) | blaming_clauses(view, frame, ontology)
        loose = [p for p in view.places if not view.in_attribution(p) and not view.in_actor(p)
                 and not set(p.tokens) & aside and level(p) <= 3]
        loose = [p for p in loose if p not in origins(view, loose, ontology, {frame.pred})]
        places = qualify(view, aimed_at(view, frame, loose), ontology.near_words)[:1]
    if not places and not frame.event.needs_place and not view.places and view.stood:
        places = [_around(p) for p in qualify(view, view.stood, ontology.near_words)[:1]]
    if places and all(level(p) >= 3 for p in places):
        places = _finer_within(view, frame, places, ontology) or places
    return places


def _finer_within(view: View, frame: Frame, places: list[Span], ontology: Ontology
                  ) -> list[Span]:
    """"Gunmen attacked an outpost of a militia in X district in southern P": the frame's own
    place is only the province P, and a place of P named under the event's word (in the
    phrase of its object, or of an event nested in it) says where in P it happened."""
    provinces = {name_key(p.geo.admin1) for p in places if p.geo is not None and p.geo.admin1}
    if not provinces:
        return []
    own = view.subtree(frame.pred) | set(frame.match.tokens)
    own -= side_clauses(view, frame.pred) | agent_clauses(view, frame, ontology)
    found = [p for p in view.places_in(own)
             if p not in places and not view.in_attribution(p) and not view.in_actor(p)
             and level(p) < 3 and p.geo is not None and p.geo.lat is not None
             and p.geo.score > 0 and name_key(p.geo.admin1 or "") in provinces]
    found = [p for p in found if p not in origins(view, found, ontology, {frame.pred})]
    return qualify(view, found, ontology.near_words)[:1]


def _before_cause(view: View, frame: Frame, places: list[Span], near: frozenset[str]
                  ) -> list[Span]:
    """"A rally was held in X denouncing the offensive on Y and Z": the places after a gerund
    that tells what a demonstration is about are where that lies, not where people gathered,
    once the sentence names a place between the event's word and the gerund (however the
    parser attached them: "in X city denouncing" may hang X under the gerund)."""
    own = {frame.pred, *frame.match.tokens}
    start = max(own) + 1
    named = [p for p in view.places if p.first >= start and not view.in_actor(p)
             and not view.in_attribution(p)]
    cause = next((j for j in range(start, len(view.tokens)) if j not in own
                  and view.tokens[j].tag == "VBG" and view.tokens[j].pos == "VERB"
                  and any(p.last < j for p in named)), None)
    if cause is None:
        return places
    kept = [p for p in places if p.first < cause]
    return kept or qualify(view, [p for p in named if p.last < cause], near)[:1] or places


def _around(span: Span) -> Span:
    """"Troops stationed near X shelled the area": the only place the sentence names is where
    the agent stands, and the event happened around it (geo_precision 2)."""
    geo = span.geo
    if geo is None or geo.geo_precision >= 2:
        return span
    return dataclasses.replace(span, geo=dataclasses.replace(geo, geo_precision=2))


def _in_clause_below(view: View, frame: Frame, span: Span) -> bool:
    """The place hangs under a verb of a clause below the event's own ("a protest took place in
    X denouncing the offensive in Y", "raided X after blocking the road heading to Y"): it
    says where what that verb is about lies, not where the event happened."""
    own = {frame.pred, *frame.match.tokens}
    below = False
    for a in view.ancestors(view.span_head(span)):
        if a in own:
            return below
        below = below or (view.tokens[a].pos == "VERB" and view.tokens[a].dep != "conj")
    return False  # (a verb above the event's own word is the event's: "strikes in X hit Y")


def georef_of(span: Span) -> GeoRef:
    if span.geo is not None:
        return span.geo
    return GeoRef(text=span.mention.text, name=span.mention.label or None,
                  place_id=span.mention.ref, score=0.0)


def fallback_place(focus: GeoRef | None) -> GeoRef | None:
    if focus is None:
        return None
    return GeoRef(text=focus.admin1 or focus.text, place_id=focus.place_id,
                  name=focus.admin1 or focus.name, lat=focus.lat, lon=focus.lon,
                  country=focus.country, admin1=focus.admin1, geo_precision=3,
                  score=focus.score)


_CONFIDENT = 0.75  # a place resolved this well can say where an unknown name lies


def unplaced(geo: GeoRef) -> bool:
    """A name the gazetteer lacks, put at a province only because the report names that
    province most (not a province named in another spelling, resolved confidently)."""
    name = name_key(geo.name or "")
    return geo.geo_precision >= 3 and geo.score < _CONFIDENT and bool(geo.text) and (
        not name or name not in name_key(geo.text))


def _places_well(view: View) -> list[Span]:
    """The places of a sentence resolved confidently, that may say where it is: not a
    claimant's, not an actor's, not a country."""
    return [p for p in view.places if p.geo is not None and p.geo.lat is not None
            and p.geo.score >= _CONFIDENT and not unplaced(p.geo) and level(p) <= 3
            and not view.in_attribution(p) and not view.in_actor(p)]


def topic_of(view: View) -> GeoRef | None:
    """Where a sentence is (its first place resolved confidently), for the sentences after it
    in the same paragraph to fall back on."""
    found = _places_well(view)
    return found[0].geo if found else None


def placed_by_text(view: View, span: Span, geo: GeoRef, topic: GeoRef | None) -> GeoRef:
    """An unknown name (a quarter, a village the gazetteer lacks) is placed by what the text
    says around it rather than at the province the report names most: a place its own sentence
    names (the next one after it, "X and Y in Z", else the last before it, "in Z ... east of
    X"), else the place of the sentence before it in the paragraph (the discourse topic) when
    that lies in another province. Only a place that frames the name does ("in Z", "of Z",
    "Z countryside", a province): a sibling of the same list ("A area B C and D") does not, and
    a reference point of a direction ("north of T", "5 km from T") gives T's province at most.
    A town places it around the town (geo_precision 2), a
    province in the province; the name stays as written. (A topic in the same province leaves
    it there: such a name still joins an event told at a town of that province.)"""
    if not unplaced(geo):
        return geo
    here = [p for p in _places_well(view) if p is not span]
    refs = [p for p in here if _reference_point(view, p)]
    here = [p for p in here if p not in refs and _frames(view, span, p)]
    after = [p for p in here if p.first > span.last]
    before = [p for p in here if p.last < span.first]
    found = after[0].geo if after else before[-1].geo if before else None
    if found is None and refs:  # "X, north of T": T's province at most, never T itself
        ref = refs[0].geo
        if ref is None or (ref.admin1, ref.country) == (geo.admin1, geo.country):
            return geo
        province = fallback_place(ref)
        return dataclasses.replace(province, text=geo.text, score=min(geo.score, ref.score)) \
            if province is not None else geo
    if found is None and topic is not None and (topic.admin1, topic.country) != (
            geo.admin1, geo.country):
        found = topic  # (in the province the report names most, it stays there)
    if found is None:
        return geo
    if found.geo_precision >= 3:
        return dataclasses.replace(found, text=geo.text, score=min(geo.score, found.score))
    return GeoRef(text=geo.text, name=geo.text, lat=found.lat, lon=found.lon,
                  country=found.country, admin1=found.admin1, admin2=found.admin2,
                  geo_precision=2, score=min(geo.score, found.score))


_CUES = load_cue_words()  # kb/places.yaml `cue_words`, read once
_FRAME_BEFORE = _CUES["frame_before"]
_FRAME_AFTER = _CUES["frame_after"]
_DIRECTIONS = _CUES["directions"]
_DISTANCES = _CUES["distance_units"]
_SKIP_BEFORE = _CUES["frame_skip"]
_LIST_WORDS = _CUES["list_pieces"]


def _word_before(view: View, span: Span) -> int:
    """The index of the word that governs a place: before it, past "the" and "the city of"."""
    k = span.first - 1
    while k >= 0 and view.tokens[k].text.lower() in _SKIP_BEFORE - {"of"}:
        k -= 1
    if k >= 1 and view.tokens[k].text.lower() == "of" and view.tokens[k - 1].text.lower() in (
            _SKIP_BEFORE - {"of", "the"}):  # kb `frame_skip`: "the city of", "the area of"
        k -= 2
        while k >= 0 and view.tokens[k].text.lower() == "the":
            k -= 1
    return k


def _reference_point(view: View, span: Span) -> bool:
    """A place named as the point a direction or distance is told from ("north of T", "to the
    east of T city", "5 km from T"): what lies there is not at T."""
    k = _word_before(view, span)
    if k < 1 or view.tokens[k].text.lower() not in ("of", "from"):
        return False
    word = view.tokens[k - 1].text.lower()
    return word in _DIRECTIONS or word in _DISTANCES or word.endswith("km")


def _frames(view: View, name: Span, span: Span) -> bool:
    """A place that says where the name is: a province named as the setting, a place before a
    word of its surroundings ("Z countryside"), a part of it ("northern Z"), after a locative
    ("in Z", "of Z") unless it is another item of the name's own list."""
    if span.geo is not None and span.geo.geo_precision >= 3:
        return True
    if span.last + 1 < len(view.tokens) and view.tokens[span.last + 1].text.lower() in (
            _FRAME_AFTER):
        return True
    k = _word_before(view, span)
    word = view.tokens[k].text.lower() if k >= 0 else ""
    if word in _DIRECTIONS and word.endswith("ern") or word in ("central", "rural"):
        return True  # "the X area northern T": a part of T
    return k >= 0 and view.tokens[k].text.lower() in _FRAME_BEFORE and not _sibling(
        view, name, span) and not _parallel(view, name, span)


def _parallel(view: View, name: Span, span: Span) -> bool:
    """A place before the name in a phrase of its own, the name in another joined to it ("with
    A in Z and with B in X"): two settings side by side, neither inside the other."""
    if span.last >= name.first:
        return False
    k = _word_before(view, name)
    if k < 0 or view.tokens[k].text.lower() not in _FRAME_BEFORE:
        return False
    return any(t.text.lower() in ("and", "while", "whereas", ";")
               for t in view.tokens[span.last + 1:k])


def _sibling(view: View, name: Span, other: Span) -> bool:
    """Another item of the same list as the name: nothing but names, commas, "and" and the
    words of a list of quarters between them ("A area B C and D Street")."""
    lo, hi = (name.last + 1, other.first) if other.first > name.last else (
        other.last + 1, name.first)
    between = view.tokens[lo:hi]
    return all(t.text.lower() in _LIST_WORDS or (t.text[:1].isupper() and t.text.isalpha())
               for t in between)

"""Which trigger matches of a sentence stand, and as what: a trigger inside a phrase that tells
what backs a force is the backed act (`support_phrases`, `as_supported`); a word of a name or
a month is no event (`part_of_name`); a trigger that needs a subject has one (`has_subject`);
a demonstration verb with an armed subject is a movement of forces (`armed_move`); a trigger
word that is who tells the report is no event (`spoken_by`), nor one inside a force's name
("riot police", `in_force_name`).
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from frontlines.events.ontology import Ontology, TriggerMatch
from frontlines.events.sentence import View

_MONTH_NAMES = frozenset(m for m in calendar.month_name if m)


def support_phrases(view: View, ontology: Ontology) -> dict[int, int]:
    """The tokens of the phrases that tell what backs a force ("troops backed by the air
    force", "forces, supported by helicopters,", "an operation with the support of jets"), each
    with the verb of the act so backed (the clause the backed force or the "with" phrase belongs
    to)."""
    out: dict[int, int] = {}
    for tok in view.tokens:
        phrase: set[int] = set()
        if view.word(tok.i) == "by" and view.word(tok.head) in ontology.backing_words and \
                view.tokens[tok.head].tag == "VBN" and tok.head != tok.i:
            phrase, start = view.subtree(tok.i), tok.head  # "backed by X"
        elif view.word(tok.i) == "with" and any(
                view.word(o) in ontology.support_words for o in view.deps(tok.i, "pobj")):
            phrase, start = view.subtree(tok.i), tok.i  # "with the backing of X"
        if not phrase:
            continue
        verb = _clause_verb(view, start)
        if verb is None:
            continue
        for j in phrase:
            out.setdefault(j, verb)
    return out


def _clause_verb(view: View, i: int) -> int | None:
    """The verb of the clause token i belongs to, above a participle or a preposition."""
    j = view.head(i)
    for _ in range(6):
        if view.tokens[j].pos in ("VERB", "AUX") and view.tokens[j].tag != "VBN" or \
                view.tokens[j].pos in ("VERB", "AUX") and view.tokens[j].dep in ("ROOT", "conj"):
            return j
        if view.is_root(j):
            return j if view.tokens[j].pos in ("VERB", "AUX", "NOUN") else None
        j = view.head(j)
    return None


def as_supported(view: View, match: TriggerMatch, backed: dict[int, int],
                  ontology: Ontology) -> TriggerMatch:
    """A trigger inside a phrase that tells what backs a force, of a class that codes the
    backed act otherwise (`supported_as`): the act of the force it backs, at that act's verb
    ("troops backed by jets advanced": ground fighting, not an air strike)."""
    into = match.event.supported_as
    if into is None or match.head not in backed or into not in ontology.by_id:
        return match
    return TriggerMatch(ontology.by_id[into], match.tokens, backed[match.head], match.text)


def part_of_name(view: View, match: Any) -> bool:
    """A trigger word that is a word of a name, not an event: a month ("In March the
    commander said"), a capitalised word inside an organisation's name ("the Protection Units",
    "Air Force Intelligence"). A force named after its weapon ("the US Air Force bombed")
    still tells a strike when the name ends with the trigger."""
    tokens = [view.tokens[j] for j in match.tokens]
    if len(tokens) == 1 and tokens[0].text in _MONTH_NAMES:
        return True
    if match.tokens[0] == 0 or not all(t.text[:1].isupper() for t in tokens):
        return False
    for a in view.actors:
        if not (a.first <= match.tokens[0] and match.tokens[-1] <= a.last) or \
                a.first == match.tokens[0] and a.last == match.tokens[-1]:
            continue
        continues = a.last > match.tokens[-1]
        return continues or match.event.event_type != "Explosions/Remote violence"
    return False


def has_subject(view: View, i: int) -> bool:
    """A verb with a subject of its own, or joined by "and" to one that has one."""
    while True:
        if view.tokens[i].pos != "VERB" and view.tokens[i].pos != "AUX":
            return False
        if view.deps(i, "nsubj", "nsubjpass"):
            return True
        if view.tokens[i].dep != "conj" or view.head(i) == i:
            return False
        i = view.head(i)


_ARMED_INTERS = frozenset({1, 2, 3, 4, 8})  # state forces, rebels, militias, external forces


def armed_move(view: View, match: TriggerMatch, ontology: Ontology, resolver: Any) -> bool:
    """A demonstration verb whose subject is an armed force ("government troops marched deeper
    into the district", "the army captured X and marched on"): a movement of forces, no
    demonstration, whatever the sentence voices around it (kb `protests.armed_moves`)."""
    if match.event.escalation is None or \
            ontology.stem(view.tokens[match.head].text) not in ontology.protest_armed_moves:
        return False
    i = match.head
    subjects = view.deps(i, "nsubj")
    while not subjects and view.tokens[i].dep == "conj" and not view.is_root(i):
        i = view.head(i)  # coordinated verbs share their subject
        subjects = view.deps(i, "nsubj")
    for s in subjects:
        if view.word(s) in ontology.combatant_words:
            return True
        owners = [a for a in view.actors if a.first <= s <= a.last]
        if any((r.inter or 0) in _ARMED_INTERS for r in resolver.refs(owners)):
            return True
    return False


def spoken_by(view: View, match: TriggerMatch) -> bool:
    """A trigger word that is all of the report's speaker ("..., according to vigilantes",
    "protesters said"): who tells of the event, not an event of its own."""
    return any(a.first <= match.tokens[0] and match.tokens[-1] <= a.last
               for a in view.attributions)


def in_force_name(view: View, match: TriggerMatch, ontology: Ontology) -> bool:
    """A trigger word inside the name of a force kept for such events ("riot police dispersed
    the crowd", "anti-riot units", kb `force_names`): the force, no event of its own."""
    if not ontology.force_names:
        return False
    words = [(j, w) for j in range(len(view.tokens))
             for w in re.findall(r"[^\W_]+", view.word(j))]
    covered: set[int] = set()
    for name in ontology.force_names:
        for k in range(len(words) - len(name) + 1):
            if tuple(w for _, w in words[k:k + len(name)]) == name:
                covered.update(j for j, _ in words[k:k + len(name)])
    return bool(covered) and set(match.tokens) <= covered

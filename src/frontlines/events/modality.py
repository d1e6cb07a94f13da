"""Modality: is a trigger an event that happened, or a future, a hypothesis, a purpose, a denial?

General rules on the parse, with the word lists in kb/ontology.yaml (`modality`):
- a modal or future auxiliary ("would", "will", "could") or a negation on the trigger or the
  verb it depends on makes it non-factual ("would not fight");
- a demonstration in a purpose clause of a verb of turning out ("came out to protest",
  "gathered to protest") is factual (`protests.purpose_verbs`);
- an infinitive ("to cross", "to attack") is factual only under an aspectual verb ("started to
  retreat"), not under a purpose, plan or threat ("to pave the ground for the troops to cross");
- a trigger governed by a word of possibility, threat, plan or demand is non-factual ("as the
  possibility grows for the Turkish military interference", "threatened to storm the town"),
  unless it is that word's subject ("protesters demanded ...");
- a condition ("if", "unless") marks it hypothetical;
- an event noun in a prepositional object of a verb of the same event ("met to agree to a
  truce") is as real as that verb;
- an adverb of habit ("has regularly targeted") on the trigger's clause makes it a claim about
  a pattern of events, not one event; so do plural events in the present perfect with no time
  and no place in the sentence ("they have launched counterattacks").
"""

from __future__ import annotations

from datetime import date, timedelta

from frontlines.events.ontology import Ontology
from frontlines.events.roles import Frame
from frontlines.events.sentence import View
from frontlines.model import TimeExpr

__all__ = ["is_background", "is_factual", "is_recalled", "modality_of"]


def _hedges(ontology: Ontology) -> frozenset[str]:
    modality = ontology.data.get("modality") or {}
    return frozenset(str(w).casefold() for w in modality.get("hedges", []))


def _blocked(view: View, i: int, ontology: Ontology) -> bool:
    hedges = _hedges(ontology)
    for c in view.children[i]:
        dep = view.tokens[c].dep
        word = view.word(c)
        if dep in ("advmod", "acomp") and word in hedges:
            return True
        if dep in ("aux", "auxpass") and word in ontology.modal_auxiliaries:
            return True
        if dep == "neg" and word in ontology.negations:
            return True
        if dep == "mark" and word in ontology.modal_markers:
            return True
    return False


def _infinitive(view: View, i: int) -> bool:
    return any(view.tokens[c].dep == "aux" and view.word(c) == "to" for c in view.children[i])


def is_factual(view: View, frame: Frame, ontology: Ontology) -> bool:
    """True when the trigger reports something that happened (or is happening)."""
    text = view.sentence.text.casefold()
    if any(p in text for p in ontology.not_events if frame.match.text.casefold() in p):
        return False
    for i in {frame.match.head, frame.pred}:
        if _blocked(view, i, ontology):
            return False
    if _summary(view, frame):
        return False
    if _unreal_verb(view, frame, ontology):
        return False
    i = frame.pred
    infinitive = _infinitive(view, i)
    if view.tokens[i].dep in ("amod", "compound", "nmod"):
        return not infinitive  # a verb parsed as a modifier: its heads are not its governors
    node = i
    for a in view.ancestors(i):
        stem = ontology.stem(view.tokens[a].text)
        if infinitive:
            if stem not in ontology.aspectual and not (
                    frame.event.escalation is not None and stem in ontology.protest_purpose):
                return False
            infinitive = _infinitive(view, a)
        in_subject = _in_subject(view, node, a)
        node = a
        if stem in ontology.modal_governors and not in_subject:
            return False
        if view.tokens[a].pos in ("VERB", "AUX") and _blocked(view, a, ontology):
            return False
        if view.deps(a, "nsubj", "nsubjpass") and view.tokens[a].pos == "VERB":
            break  # the governing finite clause decides; higher clauses only report it
    return not infinitive


def modality_of(view: View, frame: Frame, ontology: Ontology) -> str | None:
    """None for a trigger told as having happened; else why not: "negated" (a negation on it or
    its verb), "conditional" ("if", "unless"), "future" ("will", "shall"), "hypothetical"
    (a modal, a threat, plan, possibility or demand governing it)."""
    if is_factual(view, frame, ontology):
        return None
    heads = [frame.match.head, frame.pred, *view.ancestors(frame.pred)]
    deps = [(view.tokens[c].dep, view.word(c)) for h in heads for c in view.children[h]]
    if any(d == "neg" and w in ontology.negations for d, w in deps):
        return "negated"
    if any(d == "mark" and w in ontology.modal_markers for d, w in deps):
        return "conditional"
    if any(d == "aux" and w in ("will", "shall", "'ll") for d, w in deps):
        return "future"
    return "hypothetical"


def _unreal_verb(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"met to agree to a truce": an event noun in a prepositional object of a verb that tells
    the same event is as real as that verb."""
    gov = frame.governor
    head = frame.match.head
    return gov is not None and gov.event.id == frame.event.id and \
        view.tokens[head].dep == "pobj" and view.head(view.head(head)) == gov.match.head and \
        view.tokens[gov.match.head].pos == "VERB" and not is_factual(view, gov, ontology)


def _summary(view: View, frame: Frame) -> bool:
    """"they have launched deadly counterattacks": plural events in the present perfect, with
    no time and no place in the sentence, sum up a campaign; no one event happened there."""
    head, pred = frame.match.head, frame.pred
    if view.tokens[head].tag != "NNS" or head == pred or view.times or any(
            p.geo is None or p.geo.admin1 for p in view.places):  # a country is no place
        return False
    return view.tokens[pred].tag == "VBN" and any(
        view.tokens[c].dep == "aux" and view.word(c) in ("has", "have")
        for c in view.children[pred])


def _in_subject(view: View, child: int, head: int) -> bool:
    """The trigger is (in) the subject of `head`: "protesters called for ..." is a protest that
    happened, whatever the demand; only a complement of a governing word is non-factual."""
    if view.tokens[child].head != head:
        return False
    if view.tokens[child].dep in ("nsubj", "nsubjpass", "csubj", "agent"):
        return True
    # "On Feb 1 demonstrators demanded ...": a date phrase that swallowed the subject in the
    # parse is an adjunct of the verb, not its complement
    return view.tokens[child].dep == "prep" and any(
        j in view.subtree(child) for t in view.times for j in t.tokens)


def is_background(time: TimeExpr | None, published: date | None, ontology: Ontology) -> bool:
    """An event dated well before the report (a 2016 killing recalled in 2017) is background."""
    if time is None or time.start is None or published is None:
        return False
    return time.start < published - timedelta(days=ontology.background_after_days)


def is_recalled(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"had previously broken away from X": a pluperfect with a recall adverb."""
    i = frame.pred
    words = {view.word(c) for c in view.children[i]}
    return "had" in words and bool(words & ontology.recalled)

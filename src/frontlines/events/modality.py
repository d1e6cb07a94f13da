"""Modality: is a trigger an event that happened, or a future, a hypothesis, a purpose, a denial?

General rules on the parse, with the word lists in kb/ontology.yaml (`modality`):
- a modal or future auxiliary ("would", "will", "could") or a negation on the trigger or the
  verb it depends on makes it non-factual ("would not fight");
- a demonstration in a purpose clause of a verb of turning out ("came out to protest",
  "gathered to protest") is factual (`protests.purpose_verbs`);
- an infinitive ("to cross", "to attack") is factual only under an aspectual verb ("started to
  retreat"), not under a purpose, plan or threat ("to pave the ground for the troops to cross"),
  nor when the aspectual verb has an object the infinitive is the purpose of ("began an
  offensive to capture X", "continues the operation to retake X");
- a trigger governed by a word of possibility, threat, plan or demand is non-factual ("as the
  possibility grows for the Turkish military interference", "threatened to storm the town"),
  unless it is that word's subject ("protesters demanded ...");
- a condition ("if", "unless") marks it hypothetical;
- an event noun in a prepositional object of a verb of the same event ("met to agree to a
  truce") is as real as that verb;
- an adverb of habit ("has regularly targeted") on the trigger's clause makes it a claim about
  a pattern of events, not one event; so do plural events in the present perfect with no time
  and no place in the sentence ("they have launched counterattacks"), and an event noun that
  fills a span of time ("months of bombardment": `modality.durations`);
- an aircraft or weapon that is only seen or flies ("drones were seen over the city":
  `modality.sightings`), and equipment or envoys moved ("withdrew its warplanes from the base":
  `modality.movements`, `modality.materiel`), weapons handled ("grenades were confiscated":
  `modality.handling`) and an event noun that a verb refers to ("breached the agreement",
  `modality.referrers`) are no events; nor is the classifier's reading of a sentence whose
  main verb tells a statement, denial or threat (`modality.statements`);
- a trigger whose clause spans months or years ("has seen major battles over the past three
  years", "have been shelling X since last month": `modality.period_preps`, `period_units`)
  sums up a campaign, and an event noun a place is said to be the scene of ("the valley was for
  years the scene of battles", "is at the heart of the fighting": `modality.settings`) tells a
  state: both are claims of modality "summary", never events;
- a verb of performing ("the strikes were executed to deny ...": `modality.performing`) whose
  object is an event or a plan (`modality.performed`) tells that event, not a killing;
- a habit or a campaign going on ("launch frequent attacks", "continue to face relentless
  bombardment", "have previously come under rocket fire": `modality.habit_adjectives`,
  `continuations`, `recalls_in_perfect`) is a summary; an agreement told as ending ("where a
  ceasefire has broken down": `modality.undone`) and a weapon word naming what a programme or
  a watchdog is about ("chemical weapons programme": `modality.programmes`) are no events;
- nor are an event in claims a verb of denial takes as object ("rejected claims that its jets
  had bombed X": `modality.claim_nouns`, `denials`), an act an accusation charges with no day
  told ("accused X of shelling villages": `modality.accusations`, "alleged"), a question, an
  event noun under "no", an event remembered ("the anniversary of the attack":
  `modality.remembrance`), weapons made (`modality.making`), and an adverb of habit on the
  clause ("suffer daily shelling") or a span of weeks ("in recent weeks") sums up a campaign.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from frontlines.events.ontology import VIOLENT_EVENT_TYPES, Ontology
from frontlines.events.roles import Frame
from frontlines.events.sentence import View
from frontlines.model import TimeExpr, TimePrecision

__all__ = ["is_background", "is_factual", "is_recalled", "modality_of"]

SUMMARY = "summary"
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})
_MONTHS = frozenset(m.casefold() for m in (*calendar.month_name, *calendar.month_abbr) if m)


def _hedges(ontology: Ontology) -> frozenset[str]:
    return ontology.modality_words.get("hedges", frozenset())


def _blocked(view: View, i: int, ontology: Ontology, negation: bool = True) -> bool:
    hedges = _hedges(ontology)
    for c in view.children[i]:
        dep = view.tokens[c].dep
        word = view.word(c)
        if dep in ("advmod", "acomp") and word in hedges:
            return True
        if dep in ("aux", "auxpass") and word in ontology.modal_auxiliaries:
            return True
        if negation and dep == "neg" and word in ontology.negations:
            return True
        if dep == "det" and word == "no" and view.tokens[i].pos in ("NOUN", "PROPN"):
            return True  # "no airstrikes were carried out"
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
    if _questioned(view):
        return False
    for i in {frame.match.head, frame.pred}:
        if _blocked(view, i, ontology):
            return False
    if _stated(view, frame, ontology) or _summed_up(view, frame, ontology) or \
            _contrasted(view, frame, ontology) or \
            _performs(view, frame, ontology) or _undone(view, frame, ontology) or \
            _programme(view, frame, ontology) or _shows(view, frame, ontology) or \
            _accused(view, frame, ontology) or _disowned(view, frame, ontology):
        return False
    if _summary(view, frame) or _spans_time(view, frame, ontology) or \
            _referred_to(view, frame, ontology) or \
            _sighted(view, frame, ontology) or _moves_materiel(view, frame, ontology):
        return False
    if _unreal_verb(view, frame, ontology):
        return False
    i = frame.pred
    infinitive = _infinitive(view, i)
    if view.tokens[i].dep in ("amod", "compound", "nmod") and view.tokens[i].pos != "NOUN":
        return not infinitive  # a verb parsed as a modifier: its heads are not its governors
        # (a noun qualifying another, "chemical weapons use", goes up with it)
    head = frame.match.head
    if head != i and view.tokens[head].head == i and _content_subject(view, head, i, ontology) \
            and (view.tokens[head].dep == "nsubj" or
                 ontology.stem(view.tokens[i].text) in ontology.modal_governors):
        return False  # "heavy shelling was possible", "strikes are expected": not done yet
    if head != i and _forms(view, i) & _words(ontology, "planning_verbs") and \
            view.tokens[i].pos == "VERB" and i in view.ancestors(head) and \
            not _in_subject(view, _below(view, head, i), i):  # (not a participle: "violence
        return False  # aimed at X"; nor "On Feb 6 protesters blocked": the date took them in)
        # "the army plans an offensive": the event word is what the verb governs
    node = i
    stated = _words(ontology, "stated_nouns")
    for a in view.ancestors(i):
        if _dated_instance(view, i, node, a, ontology):
            break  # "has regularly targeted X, including a May 3 attack on Y": that one happened
        if view.tokens[node].dep == "relcl" and view.deps(node, "nsubj", "nsubjpass"):
            break  # "a murder attempt in X where gunmen shot a man": the clause tells a fact
        stem = ontology.stem(view.tokens[a].text)
        if infinitive:
            if (stem not in ontology.aspectual or view.deps(a, "dobj")) and not (
                    frame.event.escalation is not None and stem in ontology.protest_purpose):
                return False  # a purpose: "began an offensive to capture X" took nothing yet
            infinitive = _infinitive(view, a)
        content = _content_subject(view, node, a, ontology)
        if content and view.tokens[node].dep == "nsubj":
            return False  # "heavy shelling was possible": what is possible did not happen
        in_subject = _in_subject(view, node, a) and not content
        if node not in view.deps(a, "dobj") and view.tokens[a].pos == "VERB" and any(
                view.word(o) in stated for o in view.deps(a, "dobj")):
            return False  # "issued a warning over chemical weapons": the warning's topic
        # a clause joined by "and" with a subject of its own is not negated by its neighbour's
        # "not" ("the attack was not the first and jets struck X"); other blocks still reach it
        own_clause = view.tokens[node].dep == "conj" and bool(view.deps(node, "nsubj", "nsubjpass"))
        # a verb joined by "and" to a verb of prevention, threat or plan is an act of its own,
        # not what that verb governs ("police prevented and detained them": they were detained)
        coordinate = view.tokens[node].dep == "conj" and view.tokens[node].pos == "VERB" and \
            view.tokens[a].pos == "VERB"
        node = a
        if stem in ontology.modal_governors and not in_subject and not coordinate:
            return False
        if view.tokens[a].pos in ("VERB", "AUX") and \
                _blocked(view, a, ontology, negation=not own_clause):
            return False
        if view.deps(a, "nsubj", "nsubjpass") and view.tokens[a].pos == "VERB":
            break  # the governing finite clause decides; higher clauses only report it
    return not infinitive


def _dated_instance(view: View, i: int, node: int, a: int, ontology: Ontology) -> bool:
    """The event noun i is the object of an example preposition (`modality.instances`,
    "including") and carries a day of its own ("including a May 3 attack on Y", "including an
    attack on Y on Friday"): one event told out of a habit or a campaign, not the habit."""
    if view.tokens[node].dep != "pobj" or view.word(a) not in _words(ontology, "instances"):
        return False
    if view.tokens[i].pos not in ("NOUN", "PROPN"):
        return False
    own = view.subtree(i, stop=("relcl", "acl"))
    return any(t.first in own and t.last in own for t in view.times)


def _questioned(view: View) -> bool:
    """"Did the army shell the village?": a question tells no event."""
    return view.sentence.text.rstrip().rstrip("\"'\u201d\u2019) ").endswith("?")


def _contrasted(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"used guided missiles rather than the barrel bombs the army has dropped on X": what a
    report sets against what was done (`modality.contrasts`, the word before "than" or "of":
    the phrase after it, to the first word that hangs before it) is not told as happening."""
    contrasts = _words(ontology, "contrasts")
    head = frame.match.head
    n = len(view.tokens)
    for link in range(1, n - 1):
        if view.word(link) not in ("than", "of") or view.word(link - 1) not in contrasts or \
                head <= link:
            continue
        for j in range(link + 1, n):
            if view.tokens[j].head < link - 1 or view.tokens[j].head == link:
                if head in view.subtree(j):
                    return True
                break
    return False


def modality_of(view: View, frame: Frame, ontology: Ontology) -> str | None:
    """None for a trigger told as having happened; else why not: "negated" (a negation on it or
    its verb, or "no" on it), "conditional" ("if", "unless"), "future" ("will", "shall"),
    "questioned" (a question), "alleged" (an accusation with no day), "hypothetical" (a modal,
    a threat, plan, possibility or demand governing it)."""
    if is_factual(view, frame, ontology):
        return None
    if _summed_up(view, frame, ontology):
        return SUMMARY
    if _contrasted(view, frame, ontology):
        return "negated"
    if _questioned(view):
        return "questioned"
    if _accused(view, frame, ontology):
        return "alleged"
    if _disowned(view, frame, ontology):
        return "negated"
    heads = [frame.match.head, frame.pred, *view.ancestors(frame.pred)]
    deps = [(view.tokens[c].dep, view.word(c)) for h in heads for c in view.children[h]]
    if any(d == "neg" and w in ontology.negations or d == "det" and w == "no"
           for d, w in deps):
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


def _multitudes(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"The group has killed hundreds of tribesmen": a present perfect whose victims are
    counted in multitudes (`modality.multitude_counts`), with no time and no place finer than
    a country in the sentence, sums up a campaign."""
    pred = frame.pred
    if view.times or view.tokens[pred].tag != "VBN" or any(
            p.geo is None or p.geo.admin1 for p in view.places):
        return False
    if not any(view.tokens[c].dep == "aux" and view.word(c) in ("has", "have")
               for c in view.children[pred]):
        return False
    counts = _words(ontology, "multitude_counts")
    return any(view.word(o) in counts for o in view.deps(pred, "dobj", "nsubjpass"))


def _summed_up(view: View, frame: Frame, ontology: Ontology) -> bool:
    """A campaign over months or years, or a place told as the scene of fighting (see the
    module docstring)."""
    return _over_period(view, frame, ontology) or _setting(view, frame, ontology) or \
        _country_wide(view, frame, ontology) or _habitual(view, frame, ontology) or \
        _going_on(view, frame, ontology) or _backdrop(view, frame, ontology) or \
        _supporting(view, frame, ontology) or _tallied(view, frame, ontology) or \
        _during_campaign(view, frame, ontology) or _to_now(view, frame, ontology) or \
        _remembered(view, frame, ontology) or _multitudes(view, frame, ontology) or \
        _in_series(view, frame, ontology) or _repertoire(view, frame, ontology) or \
        _counted_over_period(view, frame, ontology) or _toll_over_days(view, frame, ontology)


def _toll_over_days(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"strikes killed 52 people in three days of bombing": a verb of harm
    (`modality.toll_span_verbs`) on the trigger's clause counts its toll over several days of
    an event noun (a count before `modality.toll_span_units`, then "of"), days ACLED codes as
    one event each; the toll sums them up."""
    if frame.event.event_type not in VIOLENT_EVENT_TYPES:
        return False
    verbs = _words(ontology, "toll_span_verbs")
    units = _words(ontology, "toll_span_units")
    preps = _words(ontology, "period_preps")
    above = [a for a in list(view.ancestors(frame.match.head))[:4]
             if view.tokens[a].pos == "VERB"]
    # the trigger's clause, and the verb above the days' own event noun ("of bombing")
    for v in _clause_verbs(view, frame) | {frame.pred, *above[:1]}:
        if view.word(v) not in verbs and (view.tokens[v].lemma or "").casefold() not in verbs:
            continue
        for c in view.deps(v, "prep"):
            if view.word(c) not in preps:
                continue
            for o in view.deps(c, "pobj"):
                if view.word(o) in units and view.deps(o, "nummod") and any(
                        view.word(p) == "of" for p in view.deps(o, "prep")):
                    return True
    return False


def _counted_over_period(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"dropped 1,400 cluster bombs on the province during June", "carried out more than 600
    raids in March": strikes or munitions (`modality.tally_types`) counted on the trigger's
    clause over a month or a year (`modality.tally_precisions`), with no day told in the
    sentence, tally a campaign; no one event happened there."""
    if frame.event.event_type not in _words_raw(ontology, "tally_types"):
        return False
    precisions = {TimePrecision[w.upper()] for w in _words(ontology, "tally_precisions")}
    spans = [t.mention.time.precision for t in view.times if t.mention.time is not None]
    if not spans or TimePrecision.DAY in spans or not set(spans) <= precisions:
        return False
    anchors = _clause_verbs(view, frame)
    counted = anchors | {j for a in anchors for j in view.deps(a, "dobj", "nsubjpass")}
    for j in counted:
        if view.tokens[j].tag != "NNS":
            continue
        for n in view.deps(j, "nummod"):
            digits = view.word(n).replace(",", "")
            if digits.isdigit() and int(digits) > 1:
                return True
    return False


def _perfect(view: View, verb: int) -> bool:
    return any(view.tokens[c].dep == "aux" and view.word(c) in ("has", "have")
               for c in view.children[verb])


def _in_series(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"have brokered a series of truces": plural events counted as a series
    (`modality.series_nouns`) by a verb in the present perfect, with no day told, sum up a
    campaign."""
    head = frame.match.head
    if view.tokens[head].tag != "NNS" or view.tokens[head].dep != "pobj" or _one_day(view):
        return False
    of = view.head(head)
    if view.word(of) != "of" or view.word(view.head(of)) not in _words(ontology, "series_nouns"):
        return False
    verb = _verb_of(view, view.head(of))
    return verb is not None and _perfect(view, verb)


def _repertoire(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"its tactics have included the use of barrel bombs": an event word in what a verb of
    containing (`modality.inventories`) says a repertoire (`modality.repertoires`) holds is a
    campaign described, no one event."""
    holds, kinds = _words(ontology, "inventories"), _words(ontology, "repertoires")
    for a in list(view.ancestors(frame.match.head))[:6]:
        if view.tokens[a].pos in ("VERB", "AUX"):
            holders = view.deps(a, "nsubj", "nsubjpass")
            if view.tokens[a].dep == "relcl":  # "the tactics, which have included ...": the
                # noun the relative clause hangs on, or one the parse put it under ("the
                # methods used by X which have included ...")
                holders = [*holders, *[n for n in list(view.ancestors(a))[:5]
                                       if view.tokens[n].pos == "NOUN"]]
            return bool(_forms(view, a) & holds) and any(
                view.word(s) in kinds for s in holders)
    return False


def _remembered(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"marks the third anniversary of the gas attack", "gathered to commemorate the victims of
    the massacre": an event remembered (`modality.remembrance`, a word above the trigger in its
    clause) is recalled, not told as happening on the day of the remembrance."""
    words = _words(ontology, "remembrance")
    for a in list(view.ancestors(frame.match.head))[:6]:
        if _forms(view, a) & words:
            return True
        if view.deps(a, "nsubj", "nsubjpass") and view.tokens[a].pos == "VERB":
            break
    return False


def _accused(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"accused the Taliban of shelling villages", "blamed the army for using barrel bombs":
    an act a verb of accusing (`modality.accusations`) charges someone with, told with no day,
    is an allegation of a pattern, not one event; with a day ("accused X of bombing a school
    on Tuesday") it is the event, told by its claimant."""
    if _one_day(view):
        return False
    words = _words(ontology, "accusations")
    for node in [frame.match.head, *view.ancestors(frame.match.head)][:4]:
        prep = view.head(node)
        if view.tokens[node].tag == "VBG" and view.tokens[node].dep in ("pcomp", "pobj") and \
                view.word(prep) in ("of", "for"):  # "blamed X for the bombing" names one event
            verb = view.head(prep)
            if view.tokens[verb].dep == "dobj":  # "of" hung on the accused, not the verb
                verb = view.head(verb)
            return bool(_forms(view, verb) & words)
        if view.deps(node, "nsubj", "nsubjpass"):
            break
    return False


def _one_day(view: View) -> bool:
    """A day told in the sentence ("on Monday"): what it tells is one event."""
    return any(t.mention.time is not None and t.mention.time.precision == TimePrecision.DAY
               for t in view.times)


def _day_of_telling(view: View, frame: Frame, first: int) -> bool:
    """The day at token `first` dates a clause above the trigger's own, whose verb is in the
    simple present ("residents said on Monday that jets bomb the area daily"): when the habit
    was told, not a day it happened."""
    v = _verb_of(view, frame.pred)
    if v is None or view.tokens[v].tag not in ("VBZ", "VBP") or \
            view.deps(v, "aux", "auxpass"):
        return False
    told = _verb_of(view, first)
    return told is not None and told != v and told in view.ancestors(v)


def _verb_of(view: View, i: int) -> int | None:
    """The verb of the clause a trigger sits in: itself, or the first verb above it."""
    for a in [i, *view.ancestors(i)][:6]:
        if view.tokens[a].pos in ("VERB", "AUX"):
            return a
    return None


def _stems(view: View, i: int, ontology: Ontology) -> set[str]:
    """The word's stem and its lemma's (the parse's lemma may be the word itself)."""
    token = view.tokens[i]
    return {ontology.stem(token.text), ontology.stem(token.lemma or token.text)}


def _going_on(view: View, frame: Frame, ontology: Ontology) -> bool:
    """A violent event told as going on rather than as one that happened: a present or
    present perfect progressive ("the army is pounding X", "strikes have been hitting X"), a
    present tense in a clause of time ("as Russia carries out raids", `modality.
    present_marks`), a present "under" ("the militants are under attack in their
    strongholds"), a verb of growing ("strikes had intensified", `modality.trends`) or a
    place that "has seen" fighting (`modality.witnessing`). A day told in the sentence keeps
    it one event."""
    if frame.event.event_type not in VIOLENT_EVENT_TYPES or _one_day(view):
        return False
    head = _noun_of(view, frame.match.head)
    v = _verb_of(view, frame.pred)
    if v is not None:
        tok = view.tokens[v]
        aux = {view.word(c) for c in view.deps(v, "aux", "auxpass")}
        if tok.tag == "VBG" and (aux & _PRESENT_BE or
                                 "been" in aux and aux & {"has", "have", "'s", "'ve"}):
            return True  # "is pounding", "have been hitting"
        if tok.tag in ("VBZ", "VBP") and not aux and tok.dep == "advcl" and \
                {view.word(c) for c in view.deps(v, "mark")} & _words(ontology, "present_marks"):
            return True  # "as Russia carries out air raids"
        if aux & {"has", "have", "'s", "'ve"} and \
                _stems(view, v, ontology) & _stemmed(ontology, "witnessing"):
            return True  # "the province has seen several rounds of fighting"
    if view.tokens[head].dep == "pobj" and not view.is_root(head) and \
            view.word(view.head(head)) == "under":
        up = view.head(view.head(head))
        if view.tokens[up].tag in ("VBZ", "VBP") and (view.word(up) in _PRESENT_BE or
                                                      _stems(view, up, ontology) &
                                                      _stemmed(ontology, "copulas")):
            return True  # "are under attack", "remains under fire"
    trends = _stemmed(ontology, "trends")
    return any(_stems(view, c, ontology) & trends or
               _forms(view, c) & _words(ontology, "trends")
               for c in _clause_verbs(view, frame) if view.tokens[c].pos == "VERB")


def _backdrop(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"The raids came amid fierce fighting between the army and rebels in the province": an
    event noun told as the backdrop of another (`modality.backdrops`), at no place finer than a
    province and on no day, is the campaign around that event, not one of its own."""
    head = _noun_of(view, frame.match.head)
    if frame.event.event_type not in VIOLENT_EVENT_TYPES or view.is_root(head) or \
            view.tokens[head].dep != "pobj" or \
            view.word(view.head(head)) not in _words(ontology, "backdrops"):
        return False
    inside = view.subtree(head)
    if any(set(t.tokens) & inside and t.mention.time is not None and
           t.mention.time.precision == TimePrecision.DAY for t in view.times):
        return False
    regions = _words(ontology, "regions")
    fine = [p for p in view.places if p.geo is not None and (
        p.geo.admin2 or p.geo.geo_precision < 3) and not any(
        view.word(j) in regions for j in range(max(p.first - 2, 0),
                                               min(p.last + 2, len(view.tokens))))]
    if any(set(p.tokens) & inside for p in fine):
        return False
    # "fled X amid shelling of the town": a definite place noun names the town the sentence told
    return not (fine and any(
        view.word(i) in ontology.place_nouns and view.word(i) not in regions and any(
            view.word(d) in ("the", "this", "that", "its") for d in view.deps(i, "det", "poss"))
        for i in inside))


def _noun_of(view: View, i: int) -> int:
    """The noun a trigger word modifies ("helicopter raids" -> "raids"), or the word itself."""
    for _ in range(3):
        if view.is_root(i) or view.tokens[i].dep not in ("compound", "amod", "nmod"):
            break
        i = view.head(i)
    return i


def _supporting(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"They are backed by air strikes of the coalition": an event noun that is the agent of a
    verb of support (`modality.support`) tells how another event was fought, not one of its
    own."""
    head = _noun_of(view, frame.match.head)
    if view.is_root(head) or view.tokens[head].dep != "pobj" or \
            view.word(head) in ontology.generic_heads:
        return False  # "backed by the air force": a force that backs is an actor, not an event
    by = view.head(head)
    if view.tokens[by].dep != "agent" or view.is_root(by):
        return False
    return bool(_stems(view, view.head(by), ontology) & _stemmed(ontology, "support"))


def _tallied(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"raising the number of villagers killed to 9": a participle that qualifies a count
    (`modality.tallies`), or the people of one, tells a toll of an event told elsewhere."""
    head = frame.match.head
    tallies = _words(ontology, "tallies")
    if frame.event.event_type in VIOLENT_EVENT_TYPES and view.tokens[head].tag == "NNS" and \
            view.tokens[head].dep == "pobj" and not view.is_root(head) and \
            view.word(view.head(head)) in ("from", "of") and \
            not view.is_root(view.head(head)) and \
            view.word(view.head(view.head(head))) in ("toll", "tolls", "tally") and \
            not _one_day(view):  # ("a total of 18 airstrikes" counts strikes that happened)
        return True  # "the high death toll from strikes ... has prompted criticism"
    if frame.event.event_type not in VIOLENT_EVENT_TYPES or view.is_root(head) or \
            view.tokens[head].dep not in ("acl", "amod") or view.tokens[head].pos != "VERB":
        return False
    noun = view.head(head)
    if view.tokens[noun].dep == "pobj" and not view.is_root(noun) and \
            view.word(view.head(noun)) == "of" and not view.is_root(view.head(noun)):
        noun = view.head(view.head(noun))  # "the number of civilians killed"
    # a definite count ("the number", "its toll"), not "a number of people protested"
    return view.word(noun) in tallies and any(
        view.word(d) in ("the", "its", "their", "this", "that")
        for d in view.deps(noun, "det", "poss"))


def _to_now(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"40 villagers have been kidnapped so far": a violent event in the present perfect
    counted up to now (`modality.to_now`) is a toll over the campaign, not one event."""
    if frame.event.event_type not in VIOLENT_EVENT_TYPES or _one_day(view):
        return False
    v = _verb_of(view, frame.pred)
    if v is None or not {view.word(c) for c in view.deps(v, "aux")} & {"has", "have"}:
        return False
    words = " " + " ".join(view.word(i) for i in range(len(view.tokens))) + " "
    return any(f" {p} " in words for p in _words(ontology, "to_now"))


def _during_campaign(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"hundreds have been killed or abducted during a rebel offensive": a violent event in the
    present perfect told over a campaign (`modality.campaign_preps` with a noun of
    `period_campaigns`, on the trigger's clause or a verb joined to it) sums it up."""
    if frame.event.event_type not in VIOLENT_EVENT_TYPES or _one_day(view):
        return False
    clause = None
    for a in [frame.pred, *view.ancestors(frame.pred)][:6]:
        if view.deps(a, "nsubj", "nsubjpass") or view.is_root(a):
            clause = a
            break
    if clause is None:
        return False
    verbs = {clause, *view.deps(clause, "conj")}
    if not {view.word(c) for v in verbs for c in view.deps(v, "aux")} & {"has", "have"}:
        return False
    preps, campaigns = _words(ontology, "campaign_preps"), _words(ontology, "period_campaigns")
    return any(view.word(o) in campaigns for v in verbs for c in view.deps(v, "prep")
               if view.word(c) in preps for o in view.deps(c, "pobj"))


def _stemmed(ontology: Ontology, key: str) -> frozenset[str]:
    return frozenset(ontology.stem(w) for w in _words(ontology, key))


def _habitual(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"launch frequent attacks", "face relentless bombardment" (`modality.habit_adjectives`),
    "is continuing to attack", "continue targeting" (a verb of `modality.continuations` in the
    present), "have previously come under rocket fire" (a recall adverb in the present
    perfect): a pattern of events or a campaign, not one event. A day told in the sentence
    ("repeated air strikes on Monday") keeps it one event, but not the day a habit told in the
    present was reported ("residents said on Monday that jets bomb the villages daily")."""
    if any(t.mention.time is not None and t.mention.time.precision == TimePrecision.DAY and
           not _day_of_telling(view, frame, t.first) for t in view.times):
        return False
    head = frame.match.head
    if view.tokens[head].pos == "NOUN" and {view.word(c) for c in view.deps(
            head, "det", "amod", "predet")} & _words(ontology, "kind_determiners"):
        return True  # "killed in such attacks": a kind of event
    habits = _words(ontology, "habit_adjectives")
    if {view.word(c) for c in view.deps(head, "amod")} & habits:
        return True
    every, spans = _words(ontology, "habit_quantifiers"), _words(ontology, "habit_spans")
    for a in [head, *view.ancestors(head)][:4]:  # "suffer daily shelling": the clause's habit
        if {view.word(c) for c in view.deps(a, "advmod", "npadvmod")} & habits:
            return True
        if any(view.word(c) in spans and {view.word(d) for d in view.deps(c, "det")} & every
               for c in view.deps(a, "npadvmod", "advmod", "dobj")):
            return True  # "drop barrel bombs on the town every day"
        if any(view.word(o) in _words(ontology, "habit_bases") and
               {view.word(d) for d in view.deps(o, "amod")} & habits
               for p in view.deps(a, "prep") for o in view.deps(p, "pobj")):
            return True  # "strikes the hideouts on a nearly daily basis"
        if view.deps(a, "nsubj", "nsubjpass"):
            break
    going = _stemmed(ontology, "continuations")
    node = frame.pred
    for a in [frame.pred, *view.ancestors(frame.pred)][:4]:
        tok = view.tokens[a]
        aux = {view.word(c) for c in view.deps(a, "aux")}
        if tok.pos in ("VERB", "AUX"):
            if _stems(view, a, ontology) & going and (
                    tok.tag in ("VBZ", "VBP") or aux & {"is", "are"}) and \
                    frame.event.event_type in VIOLENT_EVENT_TYPES:
                return True  # "continue targeting", "is continuing to attack"
            advs = {view.word(c) for c in view.deps(a, "advmod")}
            if aux & {"has", "have"} and advs & _words(ontology, "recalls_in_perfect"):
                return True  # "have previously come under rocket fire"
            if view.deps(a, "nsubj", "nsubjpass") and a != node:
                break
        node = a
    return False


def _undone(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"where a ceasefire has broken down", "the truce collapsed": an agreement told as ending
    is no agreement made (`modality.undone`, for the sub-event types of `undone_types`)."""
    head = frame.match.head
    if view.tokens[head].dep not in ("nsubj", "nsubjpass") or view.is_root(head) or \
            frame.event.sub_event_type not in _words_raw(ontology, "undone_types"):
        return False
    return bool(_forms(view, view.head(head)) & _words(ontology, "undone"))


def _programme(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"the group's chemical weapons programme", "the Organisation for the Prohibition of
    Chemical Weapons": a weapon or event word that names what a programme, stockpile, treaty
    or watchdog is about (`modality.programmes`) is no event."""
    head = frame.match.head
    if view.is_root(head):
        return False
    dep = view.tokens[head].dep
    up = view.head(head)
    if dep == "pobj" and view.word(up) == "of" and not view.is_root(up):
        up = view.head(up)
    elif dep not in ("compound", "nmod", "amod"):
        return False
    return view.word(up) in _words(ontology, "programmes")


def _words_raw(ontology: Ontology, key: str) -> frozenset[str]:
    """A `modality` list as written (sub-event type names keep their case)."""
    value = (ontology.data.get("modality") or {}).get(key) or []
    return frozenset(str(v) for v in value)


def _country_wide(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"resumed air strikes on rebel-held areas across Syria", "clashes throughout the
    country": an event told over a whole country (`modality.scope_preps`, `scope_nouns`, or a
    place that is a country) is a campaign summed up, not one event at one place. Violent
    events only: protests "across the country" are one event at the country's level."""
    if frame.event.event_type not in VIOLENT_EVENT_TYPES:
        return False
    scope = _words(ontology, "scope_preps")
    nouns = _words(ontology, "scope_nouns")
    countries = set(ontology.countries.values())
    reach = _words(ontology, "scope_reach")
    spreads = _words(ontology, "spread_words")
    spread_nouns = _words(ontology, "spread_nouns")
    spread_preps = _words(ontology, "spread_preps")
    anchors = _clause_verbs(view, frame)
    for _ in range(5):  # "resumed their bombardment of towns across Syria": its objects too,
        # and where it was aimed ("operations against X in several areas across the country")
        anchors |= {j for a in anchors for j in view.deps(a, "dobj", "nsubjpass", "pobj")} | {
            p for a in anchors for p in view.deps(a, "prep") if view.word(p) in reach}
    # a place no finer than a province names none of the many ("in several towns of the
    # Daraa countryside", "in various areas of X province"): the spread is still unnamed
    placed = {j for p in view.places if p.geo is None or p.geo.geo_precision < 3
              for j in p.tokens}
    for v in anchors:
        for c in view.deps(v, "prep"):
            if view.word(c) in spread_preps:
                for o in view.deps(c, "pobj"):  # "in various areas": many places, none named
                    if view.word(o) in spread_nouns and any(
                            view.word(a) in spreads for a in view.deps(o, "amod", "det")) and \
                            not set(view.subtree(o)) & placed:
                        return True
            if view.word(c) not in scope:
                continue
            for o in view.deps(c, "pobj"):
                if view.word(o) in nouns or view.tokens[o].text in countries or any(
                        o in p.tokens and p.geo is not None and not p.geo.admin1
                        for p in view.places):
                    return True
    return False


def _clause_verbs(view: View, frame: Frame) -> set[int]:
    """The trigger, its predicate, the verb an event noun is the subject or object of, and the
    verb an infinitive or participle complement hangs on ("started shelling")."""
    out = {frame.match.head, frame.pred}
    for i in list(out):
        for _ in range(3):  # "aerial and artillery bombardment": up to the noun modified
            if view.is_root(i) or view.tokens[i].dep not in ("amod", "compound", "conj"):
                break
            i = view.head(i)
        out.add(i)
        tok = view.tokens[i]
        if not view.is_root(i) and tok.dep in ("dobj", "nsubj", "nsubjpass", "attr", "xcomp"):
            out.add(view.head(i))
        if not view.is_root(i) and tok.dep == "advcl" and tok.tag == "VBG":
            out.add(view.head(i))  # "continued operations across X, killing dozens": the
            # participle's outcome is told in its head's clause
        if not view.is_root(i) and tok.dep == "pobj" and \
                view.tokens[view.head(i)].dep == "agent":
            out.add(view.head(view.head(i)))  # "X has been hit by air strikes since 2016"
        if view.is_root(i) and tok.pos in ("NOUN", "PROPN"):
            # a parse that lost the verb ("air raids since March have also struck X": the
            # verb hung on the noun as a clause of its own) still tells the noun's clause
            out.update(c for c in view.deps(i, "advcl")
                       if view.tokens[c].pos == "VERB")
    return out


def _over_period(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"has seen major battles over the past three years", "have been shelling X since last
    month", "from the past month ... started shelling": a period of months or years on the
    trigger's own clause (not on a clause that describes a noun: "X, which rebels had held for
    two years, fell on Monday" is a capture) makes it a campaign summed up. A time of day
    precision on the trigger ("on Friday") keeps it one event; a span the time parser read
    as the trigger's time ("in the past month") is left to `is_background`."""
    if any(t.mention.time is not None and t.mention.time.precision == TimePrecision.DAY
           for t in frame.times):
        return False
    preps = _words(ontology, "period_preps")
    plural = _words(ontology, "durations")
    units = _words(ontology, "period_units")
    campaigns = _words(ontology, "period_campaigns")
    for v in _clause_verbs(view, frame):
        for c in view.deps(v, "prep"):
            word = view.word(c)
            for o in view.deps(c, "pobj"):
                # the span, or a word of it a garbled parse hung under another noun
                nouns = {view.word(o)} | {view.word(j) for j in view.deps(o, "compound")}
                near = {view.word(j) for j in view.subtree(o)}
                if word == "since" and (near & (_MONTHS | units) or nouns & campaigns or any(
                        w.isdigit() and len(w) == 4 for w in near)):
                    return True  # "since last month", "since March", "since the offensive"
                if word in preps and not frame.times and (
                        nouns & plural or nouns & units and near & ontology.period_anchors):
                    return True  # "over the past three years", "in recent months"
                if word in preps and nouns & plural and near & _words(ontology, "span_anchors"):
                    return True  # "in recent weeks", "over the past two weeks": a time, a span
    return False


def _setting(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"The valley was for years the scene of battles", "the port is at the heart of the
    fighting": an event noun that a place is said to be the scene of, through a verb of
    being, names no one event (`modality.settings`, `modality.copulas`)."""
    head = frame.match.head
    if view.tokens[head].dep != "pobj" or view.is_root(head):
        return False
    prep = view.head(head)
    if view.word(prep) != "of" or view.is_root(prep):
        return False
    noun = view.head(prep)
    if view.word(noun) not in _words(ontology, "settings"):
        return False
    copulas = _words(ontology, "copulas")
    i = noun
    for _ in range(3):
        if view.tokens[i].lemma and view.tokens[i].lemma.casefold() in copulas:
            return True
        if view.is_root(i) or view.tokens[i].dep not in ("attr", "pobj", "prep", "acomp"):
            return False
        i = view.head(i)
    return bool(view.tokens[i].lemma) and view.tokens[i].lemma.casefold() in copulas


def _performs(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"the strikes were executed to deny ...", "executed the plan": a verb of performing whose
    object (or passive subject) is an event or a plan tells that event, not a killing."""
    head = frame.match.head
    if view.tokens[head].pos != "VERB" or not _forms(view, head) & _words(ontology, "performing"):
        return False
    performed = _words(ontology, "performed")
    return any(view.word(o) in performed for o in view.deps(head, "dobj", "nsubjpass"))


def _shows(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"the crime demonstrated their insistence", "it demonstrated that X will not change": a
    verb of demonstrating (`modality.showing`) with an object or a that-clause shows
    something; only without one does it tell a demonstration."""
    head = frame.match.head
    if view.tokens[head].pos != "VERB" or not _forms(view, head) & _words(ontology, "showing"):
        return False
    return bool(view.deps(head, "dobj", "ccomp"))


def _words(ontology: Ontology, key: str) -> frozenset[str]:
    return ontology.modality_words.get(key, frozenset())


def _forms(view: View, i: int) -> set[str]:
    """The word, its lemma, and each with its particle ("came down", "come down")."""
    token = view.tokens[i]
    words = {token.text.casefold(), (token.lemma or "").casefold()}
    return words | {f"{w} {view.word(p)}" for p in view.deps(i, "prt") for w in words}


def _spans_time(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"months of bombardment", "after weeks of fighting": an event noun that fills a span of
    time sums up a campaign (`modality.durations`); the event told beside it is judged alone."""
    head = frame.match.head
    if view.tokens[head].dep != "pobj" or view.is_root(head):
        return False
    prep = view.head(head)
    return view.word(prep) == "of" and not view.is_root(prep) and \
        view.word(view.head(prep)) in _words(ontology, "durations")


def _object_of(view: View, head: int) -> int | None:
    """The verb whose object (or passive subject) the noun `head` is, through a conjunct
    ("machine guns and grenades were confiscated") or a noun it qualifies ("breached the
    cessation of hostilities agreement", "rocket-propelled grenades")."""
    i = head
    for _ in range(4):
        if view.is_root(i):
            return None
        dep = view.tokens[i].dep
        if dep in ("dobj", "nsubjpass"):
            return view.head(i)
        if dep not in ("conj", "pobj", "prep", "compound", "appos", "amod", "npadvmod"):
            return None
        if dep == "prep" and view.word(i) != "of":
            return None
        i = view.head(i)
    return None


def _stated(view: View, frame: Frame, ontology: Ontology) -> bool:
    """The classifier's reading of a sentence the rules coded nothing in (its frame sits at the
    main verb, `combine.model_match`) is no event when that verb tells a statement, a denial, a
    threat or a plan (`modality.statements`, `governors`, `referrers`), or when its subject or
    object is a noun of one (`modality.stated_nouns`: "a warning of strikes was issued")."""
    if not frame.event.id.startswith("model:"):
        return False
    head = frame.match.head
    words = _words(ontology, "statements") | _words(ontology, "referrers")
    if _forms(view, head) & words or \
            ontology.stem(view.tokens[head].text) in ontology.modal_governors:
        return True
    # "a warning of reprisals was issued", "the threat of strikes looms", "raised the prospect
    # of raids": a noun of statement, threat or plan (`modality.stated_nouns`) as the verb's
    # subject or object is what the sentence tells
    nouns = _words(ontology, "stated_nouns")
    return any(view.word(c) in nouns
               for c in view.deps(head, "nsubj", "nsubjpass", "dobj", "attr"))


def _disowned(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"rejected claims that its jets had bombed a hospital", "dismissed reports that rebels
    had taken the town": an event told in the content of a claim (`modality.claim_nouns`) that
    a verb of denial (`modality.denials`) takes as its object is denied, not told."""
    nouns, denials = _words(ontology, "claim_nouns"), _words(ontology, "denials")
    node = frame.pred
    for a in list(view.ancestors(frame.pred))[:6]:
        if view.word(a) in nouns and view.tokens[node].dep in ("acl", "ccomp", "relcl") and \
                view.tokens[a].dep in ("dobj", "nsubjpass") and not view.is_root(a):
            return bool(_forms(view, view.head(a)) & denials)
        node = a
    return False


def _referred_to(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"breached the cessation of hostilities agreement", "violated the truce": an event noun
    in the object of a verb that refers to it (`modality.referrers`) is not told as happening
    there."""
    head = frame.match.head
    referrers = _words(ontology, "referrers")
    verb = _object_of(view, head)
    if verb is None and view.tokens[head].pos == "NOUN" and not view.is_root(head):
        verb = view.head(head)  # "breached the truce agreement": a parse that hung the noun
        if view.word(verb) == "of" and view.tokens[head].dep == "pobj" and \
                not view.is_root(verb):
            verb = view.head(verb)  # "in violation of a ceasefire", "breaches of the truce"
    if verb is not None and _forms(view, verb) & _words(ontology, "stoppings"):
        return True  # "paused the bombing of X": no bombing told
    if verb is not None and _forms(view, verb) & _words(ontology, "own_stoppings") and \
            {view.word(c) for c in view.deps(head, "poss")} & _words(ontology, "own_possessives"):
        return True  # "halted its air strikes"
    return verb is not None and bool(_forms(view, verb) & referrers)


def _sighted(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"drones were seen flying over the city", "warplanes flew over X": an aircraft or weapon
    that is seen or flies, and does nothing else in the sentence, is no attack; a munition
    that lands or comes down (`modality.impacts`, `projectiles`) struck."""
    seen = _words(ontology, "sightings")
    head = frame.match.head
    if _forms(view, head) & seen and not view.is_root(head) and \
            _forms(view, view.head(head)) & seen:
        return True  # "were seen flying over": the flight itself, seen
    if view.tokens[head].dep not in ("nsubj", "nsubjpass", "dobj") or view.is_root(head):
        return False
    verb = view.head(head)
    if _forms(view, verb) & _words(ontology, "impacts") and \
            _forms(view, head) & _words(ontology, "projectiles"):
        return False  # "a mortar shell landed on a school": it struck there
    return bool(_forms(view, verb) & seen)


def _moves_materiel(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"withdrew its warplanes from the base": moving aircraft, weapons or envoys is no
    transfer of territory and no attack."""
    movements, materiel = _words(ontology, "movements"), _words(ontology, "materiel")
    handled = movements | _words(ontology, "handling")
    head = frame.match.head
    verb = _object_of(view, head)
    if frame.event.event_type in VIOLENT_EVENT_TYPES and verb is not None and \
            _forms(view, verb) & handled:
        return True  # the warplanes withdrawn, the grenades confiscated: no attack
    if frame.event.event_type in VIOLENT_EVENT_TYPES and verb is not None and \
            _forms(view, verb) & _words(ontology, "making") and \
            not _forms(view, head) & _words(ontology, "performed"):
        return True  # "make explosives", "built car bombs" (not "made an attack")
    pred = frame.pred
    if not _forms(view, pred) & movements:
        return False
    objects = view.deps(pred, "dobj", "nsubjpass")  # "withdrew a number of its planes"
    objects = [*objects, *(j for o in objects for p in view.deps(o, "prep")
                           if view.word(p) == "of" for j in view.deps(p, "pobj"))]
    return any(view.word(o) in materiel for o in objects)


def _below(view: View, i: int, top: int) -> int:
    """The child of `top` whose subtree holds `i` (`top` an ancestor of `i`)."""
    while not view.is_root(i) and view.head(i) != top:
        i = view.head(i)
    return i


def _content_subject(view: View, child: int, head: int, ontology: Ontology) -> bool:
    """The subject of a governing word that is what is planned or possible, not who acts: a
    passive ("an offensive is planned", "strikes were expected") or a copula's governing
    adjective ("shelling was possible", "an assault is likely")."""
    if view.tokens[child].dep == "nsubjpass":
        return True
    return view.tokens[child].dep == "nsubj" and any(
        ontology.stem(view.tokens[c].text) in ontology.modal_governors
        for c in view.deps(head, "acomp"))  # (not a noun: "the attack was an attempt to")


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
    """An event dated well before the report (a 2016 killing recalled in 2017) is background;
    so is one told over a span of time up to the report ("slowed in the past month because of
    landmines", "over the past two weeks"): a campaign summed up, not one event
    (`time.period_min_days`)."""
    if time is None or time.start is None or published is None:
        return False
    if time.start < published - timedelta(days=ontology.background_after_days):
        return True
    return _duration(time, ontology)


def _duration(time: TimeExpr, ontology: Ontology) -> bool:
    """"in the past month", "over the last three weeks" (not "last week", a calendar week)."""
    least = ontology.period_min_days
    if not least or time.start is None or time.end is None or not time.relative:
        return False
    words = time.text.casefold().split()
    return (time.end - time.start).days >= least and len(words) > 2 and \
        words[0] in ontology.period_openers and bool(ontology.period_anchors & set(words))


def is_recalled(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"had previously broken away from X": a pluperfect with a recall adverb."""
    i = frame.pred
    words = {view.word(c) for c in view.children[i]}
    return "had" in words and bool(words & ontology.recalled)

"""Discovery: names the knowledge base lacks that look like armed groups become provisional actors.

`find_candidates` cuts running text into capitalised name runs ("the Al-Hujra Brigade",
"Ansar Al-Shariyah Regiment") and marks those with a group prefix or suffix from the KB's
`discovery` word lists. `discover` turns the provisional mentions of an annotated document into
Actor records plus the `member_of` relations the sentence states ("two Ahrar al-Sham branches —
the A and B", "A, one of the largest factions within P", "defection from X to Y").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from frontlines.actors._kb import PROVISIONAL_PREFIX, DiscoveryRules, KnowledgeBase
from frontlines.model import Actor, AnnotatedDocument, Mention, MentionKind, Relation, RelationKind
from frontlines.names import name_key

__all__ = ["DiscoveredName", "discover", "find_candidates", "provisional_key"]

_TOKEN_RE = re.compile(r"[\w’'`ʼ]+(?:[-‐‑][\w’'`ʼ]+)*|[^\w\s]")
_POSSESSIVE_RE = re.compile(r"[’'`ʼ]s$", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az)[-‐‑]", re.IGNORECASE)
_LINK_RE = re.compile(r"^[\s,]*(?:which is |which are |is |are |as )?(?:one of |a |an |the |its |"
                      r"their |two |three |several |largest |main |biggest |most |important |"
                      r"powerful |\s)*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DiscoveredName:
    """A capitalised name run; `armed` when a group prefix/suffix makes it look like a group."""

    start: int
    end: int
    text: str
    core: str  # the name without its group suffix ("Al-Hujra" for "Al-Hujra Brigade")
    armed: bool
    has_suffix: bool
    core_end: int = 0  # where the core ends (the suffix starts after it)


def provisional_key(name: str) -> str:
    """The name key a provisional actor is filed under."""
    return name_key(re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE))


def _is_name_word(word: str, rules: DiscoveryRules) -> bool:
    bare = _ARTICLE_RE.sub("", word)
    return bool(bare) and bare[0].isupper() and bare[0].isalpha()


def find_candidates(text: str, rules: DiscoveryRules,
                    taken: list[tuple[int, int]] = ()) -> list[DiscoveredName]:
    """Capitalised name runs in `text` that do not overlap `taken` spans."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    suffixes = set(rules.suffixes)
    two_word = {s for s in suffixes if " " in s}
    first_of_two = {s.split(" ")[0] for s in two_word}
    prefixes = {p.casefold() for p in rules.prefixes}
    connectors = {c.casefold() for c in rules.connectors}
    stop = set(rules.stopwords)
    out: list[DiscoveredName] = []
    i = 0
    while i < len(tokens):
        if not _is_name_word(tokens[i][0], rules):
            i += 1
            continue
        if tokens[i][0] in stop and tokens[i][0].casefold() not in prefixes:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and not _POSSESSIVE_RE.search(tokens[j - 1][0]) and j - i < 7:
            word = tokens[j][0]
            if word in stop and word not in suffixes and word not in first_of_two:
                break
            if _is_name_word(word, rules) or word in suffixes:
                j += 1
            elif (word.casefold() in connectors and j + 1 < len(tokens)
                  and _is_name_word(tokens[j + 1][0], rules)):
                j += 2
            else:
                break
        run = tokens[i:j]
        i = j
        poss = _POSSESSIVE_RE.search(run[-1][0])
        if poss is not None:
            word, start, end = run[-1]
            run[-1] = (word[: poss.start()], start, end - (len(word) - poss.start()))
        while run and (run[0][0] in stop and run[0][0].casefold() not in prefixes):
            run = run[1:]
        if not run:
            continue
        words = [w for w, _, _ in run]
        n_suffix = 0
        if len(words) >= 3 and " ".join(words[-2:]) in two_word:
            n_suffix = 2
        elif words[-1] in suffixes:
            n_suffix = 1
        core_words = words[: len(words) - n_suffix]
        named = [w for w in core_words if w not in stop and w.casefold() not in connectors
                 and w not in suffixes]
        if not named:
            continue
        start, end = run[0][1], run[-1][2]
        if any(s < end and start < e for s, e in taken):
            continue
        core_end = run[len(core_words) - 1][2]
        core = text[start:core_end]
        has_prefix = _ARTICLE_RE.sub("", words[0]).casefold() in prefixes and len(named) >= 2
        armed = has_prefix or (n_suffix > 0 and bool(named))
        out.append(DiscoveredName(start, end, text[start:end], core, armed, n_suffix > 0,
                                  core_end))
    return out


# -------------------------------------------------------------------- relations from sentences


def discover(annotated: AnnotatedDocument, kb: KnowledgeBase) -> tuple[list[Actor], list[Relation]]:
    """Provisional actors of a document and the member_of relations its sentences state."""
    doc = annotated.document
    rules = kb.discovery
    actors: dict[str, Actor] = {}
    relations: list[Relation] = []
    actor_mentions = [m for m in annotated.mentions if m.kind == MentionKind.ACTOR and m.ref]
    for sentence in annotated.sentences:
        in_sentence = [m for m in actor_mentions if m.sentence == sentence.index]
        found = [m for m in in_sentence if m.ref.startswith(PROVISIONAL_PREFIX)]
        if not found:
            continue
        text = doc.text
        for m in found:
            written = _strip_the(m.text)
            known = actors.get(m.ref)
            if known is None:
                actors[m.ref] = Actor(
                    id=m.ref, name=m.label or written, inter=2, kind="armed group",
                    aliases=(written,) if written != (m.label or written) else (),
                    provisional=True, country=kb.default_country,
                    source=f'discovered in document {doc.id}: "{sentence.text.strip()}"',
                )
            elif written != known.name and written not in known.aliases:
                actors[m.ref] = replace(known, aliases=(*known.aliases, written))
        for m in found:
            relations.extend(_membership(m, in_sentence, text, sentence, doc.id, doc.published,
                                         rules))
    return list(actors.values()), _dedupe(relations)


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[\w’'`]+", text)]


def _membership(m: Mention, in_sentence: list[Mention], text: str, sentence, doc_id: str,
                published, rules: DiscoveryRules) -> list[Relation]:
    member_words = {w.casefold() for w in rules.membership_words}
    defect_words = {w.casefold() for w in rules.defection_words}
    leave_words = {w.casefold() for w in rules.leaving_words}
    others = [o for o in in_sentence if o.ref != m.ref]
    parents: list[str] = []
    for o in others:
        if o.end <= m.start:  # "two P branches — the A and B", "P's A"
            between = _words(text[o.end : m.start])
            possessive = between in (["'s"], ["’s"])
            if possessive or (len(between) <= 8 and any(w in member_words for w in between[:3])):
                parents.append(o.ref)
        else:  # "A, one of the largest factions within P"
            between = text[m.end : o.start]
            words = _words(between)
            if len(words) <= 8 and any(w in member_words for w in words) and words[-1:] and \
                    words[-1] in {"of", "within", "in", "inside", "to"}:
                parents.append(o.ref)
    joined: list[str] = []
    left: list[str] = []
    after = _words(text[m.end : sentence.end])
    if any(w in defect_words for w in after):
        for o in others:
            if o.start < m.end:
                continue
            before = _words(text[m.end : o.start])
            while before and before[-1] in ("the", "a", "an", "rival", "its"):
                before.pop()
            if before and before[-1] in leave_words:
                left.append(o.ref)
            elif any(w in defect_words for w in before) and before[-1:] and before[-1] in {
                "to", "with", "join", "joined", "joining", "joins",
            }:
                joined.append(o.ref)
    day = published.isoformat() if published else None
    before_day = (published - timedelta(days=1)).isoformat() if published else None
    evidence = dict(source="text", doc_id=doc_id, evidence=sentence.text.strip(),
                    evidence_start=sentence.start, evidence_end=sentence.end)
    out: list[Relation] = []
    for p in dict.fromkeys(parents):
        ended = bool(joined) and p not in joined
        out.append(Relation(m.ref, RelationKind.MEMBER_OF, p, end=before_day if ended else None,
                            **evidence))
    for p in dict.fromkeys(left):
        if p not in parents:
            out.append(Relation(m.ref, RelationKind.MEMBER_OF, p, end=before_day, **evidence))
    for p in dict.fromkeys(joined):
        out.append(Relation(m.ref, RelationKind.MEMBER_OF, p, start=day, **evidence))
    return out


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, str, str | None, str | None]] = set()
    out: list[Relation] = []
    for r in relations:
        key = (r.actor, str(r.kind), r.target, r.start, r.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out

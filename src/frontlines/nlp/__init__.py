"""nlp/: the spaCy stage. Documents in, AnnotatedDocuments (sentences, tokens, mentions) out.

The spaCy `Doc` never leaves this package. Our own components are registered spaCy factories
(`frontlines_actors`, `frontlines_places`, `frontlines_times`, `frontlines_quantities`,
`frontlines_attribution`); each writes spans into `doc.spans["frontlines"]` with these
extension attributes, which `Annotator` turns into `Mention` records:

    span._.fl_kind      MentionKind value ("actor", "place", "time", "quantity", "attribution")
    span._.fl_ref       resolved id (actor id / place id) or None
    span._.fl_label     canonical name or None
    span._.fl_score     confidence in [0, 1]
    span._.fl_time      TimeExpr or None
    span._.fl_quantity  Quantity or None
    span._.fl_source    which component / rule produced it
"""

from frontlines.nlp.annotator import Annotator, Knowledge, ensure_extensions

__all__ = ["Annotator", "Knowledge", "ensure_extensions"]

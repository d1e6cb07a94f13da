"""alerts/: YAML rules evaluated as events land, recorded once, delivered to signed webhooks
and to an Atom feed."""

from frontlines.alerts.engine import AlertEngine, recent_alerts, sign, verify
from frontlines.alerts.evaluate import Alert, evaluate
from frontlines.alerts.feed import atom_feed
from frontlines.alerts.rules import Rule, RuleSet, Webhook, load_rules, parse_rules

__all__ = ["Alert", "AlertEngine", "Rule", "RuleSet", "Webhook", "atom_feed", "evaluate",
           "load_rules", "parse_rules", "recent_alerts", "sign", "verify"]

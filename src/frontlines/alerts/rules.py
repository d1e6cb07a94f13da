"""Alert rules from a YAML file.

    webhooks:
      - url: https://example.org/hook
        secret_env: FRONTLINES_WEBHOOK_SECRET   # or `secret: ...` (HMAC-SHA256 key)
    rules:
      - {name: idlib-control, kind: control_change, province: Idlib}
      - {name: contested, kind: contested}                   # province optional
      - {name: new-actors, kind: new_actor}
      - {name: splits, kind: alliance_split}
      - {name: deadly-day, kind: fatalities, min: 10}        # province optional
      - {name: near-aleppo, kind: radius, lat: 36.2, lon: 37.16, km: 25}
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import InputError

__all__ = ["KINDS", "Rule", "RuleSet", "Webhook", "load_rules", "parse_rules"]

KINDS = ("control_change", "contested", "new_actor", "alliance_split", "fatalities", "radius")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    province: str | None = None
    min: int = 1  # fatalities
    lat: float | None = None  # radius
    lon: float | None = None
    km: float | None = None


@dataclass(frozen=True)
class Webhook:
    url: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    webhooks: tuple[Webhook, ...] = ()


def load_rules(path: str | Path) -> RuleSet:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read alert rules: {exc}") from exc
    return parse_rules(data, str(path))


def parse_rules(data: Any, where: str = "rules") -> RuleSet:
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise InputError(where, "alert rules need a top-level 'rules:' list")
    rules: list[Rule] = []
    for n, raw in enumerate(data["rules"], start=1):
        if not isinstance(raw, dict):
            raise InputError(where, f"rule {n} is not a mapping")
        kind = raw.get("kind")
        if kind not in KINDS:
            raise InputError(where, f"rule {n}: kind must be one of {', '.join(KINDS)}, "
                                    f"not {kind!r}")
        name = str(raw.get("name") or f"{kind}-{n}")
        unknown = set(raw) - {"name", "kind", "province", "min", "lat", "lon", "km"}
        if unknown:
            raise InputError(where, f"rule {name}: unknown keys {sorted(unknown)}")
        try:
            rule = Rule(name=name, kind=kind, province=_opt_str(raw.get("province")),
                        min=int(raw.get("min", 1)),
                        lat=_opt_float(raw.get("lat")), lon=_opt_float(raw.get("lon")),
                        km=_opt_float(raw.get("km")))
        except (TypeError, ValueError) as exc:
            raise InputError(where, f"rule {name}: {exc}") from exc
        if kind == "radius" and None in (rule.lat, rule.lon, rule.km):
            raise InputError(where, f"rule {name}: a radius rule needs lat, lon and km")
        if kind == "fatalities" and rule.min < 1:
            raise InputError(where, f"rule {name}: min must be at least 1")
        rules.append(rule)
    if len({r.name for r in rules}) != len(rules):
        raise InputError(where, "rule names must be unique")
    hooks: list[Webhook] = []
    for n, raw in enumerate(data.get("webhooks") or [], start=1):
        if not isinstance(raw, dict) or not str(raw.get("url", "")).startswith(("http://",
                                                                                  "https://")):
            raise InputError(where, f"webhook {n} needs an http(s) url")
        secret = raw.get("secret")
        if secret is None and raw.get("secret_env"):
            secret = os.environ.get(str(raw["secret_env"]))
            if secret is None:
                raise InputError(where, f"webhook {n}: environment variable "
                                        f"{raw['secret_env']} is not set")
        if not secret:
            raise InputError(where, f"webhook {n} needs a secret (or secret_env) to sign with")
        hooks.append(Webhook(str(raw["url"]), str(secret)))
    return RuleSet(tuple(rules), tuple(hooks))


def _opt_str(v: Any) -> str | None:
    return None if v is None else str(v)


def _opt_float(v: Any) -> float | None:
    return None if v is None else float(v)

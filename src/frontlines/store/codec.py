"""Convert frontlines records to JSON-ready dicts and back (for JSON columns, exports, the API).

Converters are compiled once per record class from its type hints, so a claim is encoded and
decoded by a flat list of per-field functions instead of a generic recursive walk.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from frontlines import model

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")
Convert = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


# ------------------------------------------------------------------------------ encoding


@cache
def _encoder_for(cls: type) -> Callable[[Any], dict[str, Any]]:
    names = tuple(f.name for f in dataclasses.fields(cls))

    def encode(record: Any) -> dict[str, Any]:
        return {name: to_dict(getattr(record, name)) for name in names}

    return encode


def to_dict(record: Any) -> Any:
    """A dataclass (recursively) as plain JSON types: dates as ISO strings, enums as values."""
    return _encoder_of(type(record))(record)


def _sequence(value: Any) -> list[Any]:
    return [to_dict(x) for x in value]


def _mapping(value: Any) -> dict[str, Any]:
    return {str(k): to_dict(v) for k, v in value.items()}


@cache
def _encoder_of(cls: type) -> Convert:
    """How `to_dict` encodes a value of class `cls`, chosen once per class (the checks in the
    order they apply: plain JSON types, enums, dates, sequences, mappings, records)."""
    if issubclass(cls, (str, int, float, bool, type(None))) and not issubclass(cls, Enum):
        return _identity
    if issubclass(cls, Enum):
        return lambda v: v.value
    if issubclass(cls, date):
        return lambda v: v.isoformat()
    if issubclass(cls, (list, tuple)):
        return _sequence
    if issubclass(cls, dict):
        return _mapping
    if dataclasses.is_dataclass(cls):
        return _encoder_for(cls)
    return _identity


# ------------------------------------------------------------------------------ decoding


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model), vars(model))


def _converter(tp: Any) -> Convert:
    """A function turning JSON data into a value of type `tp` (None passes through)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(args[0]) if len(args) == 1 else _identity
    if origin is tuple:
        inner = _converter(typing.get_args(tp)[0])
        return lambda v: None if v is None else tuple(inner(x) for x in v)
    if origin is list:
        inner = _converter(typing.get_args(tp)[0])
        return lambda v: None if v is None else [inner(x) for x in v]
    if origin is dict:
        return lambda v: None if v is None else dict(v)
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return lambda v: None if v is None else _decoder_for(tp)(v)
        if issubclass(tp, Enum):
            return lambda v: None if v is None else tp(v)
        if tp is date:
            return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    return _identity


@cache
def _decoder_for(cls: type) -> Callable[[dict[str, Any]], Any]:
    hints = _hints(cls)
    fields = tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))

    def decode(data: dict[str, Any]) -> Any:
        return cls(**{name: conv(data[name]) for name, conv in fields if name in data})

    return decode


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass written by `to_dict`."""
    return typing.cast(T, _decoder_for(cls)(data))

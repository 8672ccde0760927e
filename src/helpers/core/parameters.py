"""Checks on notebook parameters, so a typo stops with the allowed values named."""

from collections.abc import Iterable, Sequence


def check_choice(name: str, value: object, allowed: Iterable[object]) -> None:
    """Raise ValueError unless `value` is one of `allowed`."""
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(f"parameter {name}={value!r} is not allowed; choose one of {allowed}")


def check_choices(
    name: str, values: Sequence[object], allowed: Iterable[object], allow_empty: bool = False
) -> None:
    """Raise ValueError unless `values` is a list drawn from `allowed` (non-empty unless
    `allow_empty`)."""
    allowed = list(allowed)
    if isinstance(values, str) or not isinstance(values, Sequence) or not (values or allow_empty):
        which = "a list" if allow_empty else "a non-empty list"
        raise ValueError(f"parameter {name}={values!r} must be {which} of {allowed}")
    for value in values:
        check_choice(name, value, allowed)


def check_level(level: float) -> float:
    """The interval level as a float; ValueError unless it lies strictly between 0 and 1."""
    try:
        inside = 0 < float(level) < 1
    except (TypeError, ValueError):
        inside = False
    if not inside:
        raise ValueError(f"parameter level={level!r} must lie strictly between 0 and 1, e.g. 0.95")
    return float(level)

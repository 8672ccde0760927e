"""environment.yml (conda) and requirements.lock (uv, pip) must pin the same versions."""

import re
import tomllib

import yaml

from helpers.core.paths import ROOT


def lock_versions() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {m[1].lower(): m[2] for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", text, re.M)}


def conda_pins() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = [d for d in spec["dependencies"] if isinstance(d, str)]
    return dict(re.fullmatch(r"([A-Za-z0-9_.-]+)=?([^=]*)", d).groups() for d in pins)


def direct_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {re.match(r"[A-Za-z0-9_.-]+", n)[0].lower() for n in names}


def test_conda_pins_match_the_lock():
    locked = lock_versions()
    pins = {
        name: version for name, version in conda_pins().items() if name not in ("python", "pip")
    }
    assert pins, "environment.yml pins nothing"
    differing = {n: (v, locked.get(n)) for n, v in pins.items() if locked.get(n) != v}
    assert not differing, f"environment.yml vs requirements.lock (yml, lock): {differing}"


def test_every_direct_dependency_is_pinned_for_conda():
    missing = direct_dependencies() - set(conda_pins())
    assert not missing, f"environment.yml lacks {sorted(missing)}"


def test_python_version_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert conda_pins()["python"] == "3.11"
    assert project["requires-python"] == ">=3.11,<3.12"


def test_the_lock_leaves_out_the_slow_optional_iri_checker():
    # see the lock target of the Makefile: it costs seconds in every process importing nbformat
    assert not {"rfc3987-syntax", "lark"} & set(lock_versions())

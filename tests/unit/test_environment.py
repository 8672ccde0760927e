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


def test_python_versions_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    assert conda_pins()["python"] in ("3.11", "3.12", "3.13")


def test_the_lock_is_universal_with_one_version_of_each_direct_dependency():
    """uv's universal resolution: markers instead of one platform's and one Python's picks."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert "sys_platform == 'darwin'" in text and "python_full_version" in text
    names = re.findall(r"^([A-Za-z0-9_.-]+)==", text, re.M)
    repeated = {n for n in names if names.count(n) > 1} & direct_dependencies()
    assert not repeated, f"forked direct dependencies: {sorted(repeated)}"


def test_the_lock_leaves_out_the_slow_optional_iri_checker():
    # see the lock target of the Makefile: it costs seconds in every process importing nbformat
    assert not {"rfc3987-syntax", "lark"} & set(lock_versions())

"""Every pinned dependency the hall PCs install has a Windows wheel: ``python3 dev.py check-windows``.

For each line of ``constraints.txt`` whose environment marker holds on 64-bit
Windows under CPython 3.11 (the Python the bundle is built with), the package
index is asked for the project's files (the JSON simple API, PEP 691; an
HTML simple page, PEP 503, where the index has no JSON) and a file of exactly
the pinned version is looked for whose wheel tags CPython 3.11 on win_amd64
installs: ``cp311-cp311-win_amd64``, the stable ABI (``abi3``) or pure Python
(``py3-none-any``). Only the listing is read; no wheel is downloaded. Where the
pinned version has only a source archive, that archive (at most
``SOURCE_CAP_BYTES``, checked against the index's sha256) is fetched from the
same index and read without running anything: it counts as pure Python only when
it holds no C/C++/Cython/Rust/Fortran source or prebuilt library and its
setup.py/setup.cfg/pyproject.toml names no extension module or compiling backend.

The index is the one pip uses here: ``PIP_INDEX_URL``, else ``index-url`` from
``pip config list``, else pip's own default. One line per package, then a
summary; the exit code is 1 when a package has no such wheel (a source-only
package would need a compiler on the build machine), 2 when the index cannot
be asked.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO
from urllib.parse import urljoin

import requests
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYTHON = (3, 11)
PLATFORM = "win_amd64"
# The marker environment of the hall PCs' Python: CPython 3.11 on 64-bit Windows.
WINDOWS_ENVIRONMENT = {
    "implementation_name": "cpython",
    "implementation_version": "3.11.9",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_release": "10",
    "platform_system": "Windows",
    "platform_version": "10.0.19045",
    "python_full_version": "3.11.9",
    "python_version": "3.11",
    "sys_platform": "win32",
}
JSON_SIMPLE = "application/vnd.pypi.simple.v1+json"
TIMEOUT_S = 30
SOURCE_CAP_BYTES = 16 * 1024 * 1024  # a source archive larger than this is not fetched
UNPACKED_CAP_BYTES = 256 * 1024 * 1024  # nor read past this many unpacked bytes
# Files that mean compiled code: sources of compiled languages and prebuilt libraries.
COMPILED_SUFFIXES = (".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hxx", ".pyx", ".pxd", ".pxi", ".rs",
                     ".f", ".f77", ".f90", ".f95", ".for", ".m", ".mm", ".cu", ".go", ".zig", ".s", ".asm",
                     ".so", ".pyd", ".dll", ".dylib", ".a", ".lib", ".o", ".obj")
COMPILED_FILES = ("Cargo.toml", "CMakeLists.txt", "meson.build")
# Words in a build file that mean an extension module or a backend that compiles one.
EXTENSION_WORDS = ("ext_modules", "ext-modules", "Extension(", "cffi_modules", "rust_extension", "build_ext",
                   "cythonize", "maturin", "mesonpy", "meson-python", "scikit-build", "scikit_build",
                   "setuptools-rust", "setuptools_rust")
BUILD_FILES = ("setup.py", "setup.cfg", "pyproject.toml")


def installable_tags() -> frozenset[Tag]:
    """Every wheel tag CPython 3.11 on win_amd64 installs (its own ABI, abi3 of older versions, none, any)."""
    return frozenset(
        [
            *cpython_tags(PYTHON, abis=["cp311"], platforms=[PLATFORM]),
            *compatible_tags(PYTHON, interpreter="cp311", platforms=[PLATFORM]),
        ]
    )


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    marker: str | None

    @property
    def on_windows(self) -> bool:
        return self.marker is None or Marker(self.marker).evaluate(WINDOWS_ENVIRONMENT)


def read_pins(constraints: Path) -> list[Pin]:
    """The ``name==version [; marker]`` lines of a constraints file (comments and ``# via`` lines skipped)."""
    pins = []
    for raw in constraints.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        requirement = Requirement(line)
        exact = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        if len(exact) != 1:
            raise ValueError(f"{constraints.name}: not pinned to one version: {raw}")
        pins.append(Pin(canonicalize_name(requirement.name), exact[0], str(requirement.marker or "") or None))
    return pins


def index_url(python: str | os.PathLike[str] = sys.executable) -> str:
    """The index pip is configured to use: PIP_INDEX_URL, ``index-url`` in pip's configuration, or pip's default."""
    if os.environ.get("PIP_INDEX_URL"):
        return os.environ["PIP_INDEX_URL"].split()[0]
    listed = subprocess.run(
        [str(python), "-m", "pip", "config", "list"], capture_output=True, text=True, check=False
    ).stdout
    configured = dict(re.findall(r"^([\w:.-]+)='(.*)'$", listed, re.MULTILINE))
    for key in (":env:.index-url", "install.index-url", "global.index-url"):
        if configured.get(key):
            return str(configured[key])
    from pip._internal.models.index import PyPI  # pip's own default, whatever it is

    return str(PyPI.simple_url)


class _Links(HTMLParser):
    """The file names of a PEP 503 simple page (the text of its links) and whether each is yanked."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[dict[str, object]] = []
        self._yanked: bool | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._yanked = any(name == "data-yanked" for name, _ in attrs)
            self._href = dict(attrs).get("href") or ""

    def handle_data(self, data: str) -> None:
        if self._yanked is not None and data.strip():
            url, _, fragment = self._href.partition("#")
            algorithm, _, digest = fragment.partition("=")
            self.files.append({"filename": data.strip(), "yanked": self._yanked, "url": url,
                               "hashes": {algorithm: digest} if digest else {}})
            self._yanked = None


def project_files(session: requests.Session, index: str, name: str) -> list[dict[str, object]]:
    """The index's file list of one project: ``[{"filename", "yanked"}, …]`` (JSON API, or the HTML page)."""
    url = urljoin(index.rstrip("/") + "/", f"{name}/")
    response = session.get(url, headers={"Accept": f"{JSON_SIMPLE}, text/html;q=0.1"}, timeout=TIMEOUT_S)
    if response.status_code == 404:
        return []  # the index has no such project
    response.raise_for_status()
    if response.headers.get("Content-Type", "").startswith(JSON_SIMPLE):
        files: list[dict[str, object]] = response.json()["files"]
    else:
        links = _Links()
        links.feed(response.text)
        files = links.files
    for entry in files:  # file addresses may be relative to the page
        entry["url"] = urljoin(response.url, str(entry.get("url") or ""))
    return files


@dataclass(frozen=True)
class Finding:
    pin: Pin
    wheel: str | None  # the file found, or None
    note: str
    source: dict[str, object] | None = None  # the pinned version's source archive, when it has no wheel

    @property
    def ok(self) -> bool:
        return self.wheel is not None


KINDS = ("cp311 win_amd64", "abi3 win_amd64", "win_amd64, no Python ABI", "pure Python")
PURE_SOURCE = "pure Python (source only, no extension code)"


def _kind(file_tags: frozenset[Tag]) -> int:
    if any(t.abi == "cp311" for t in file_tags):
        return 0
    if any(t.abi == "abi3" for t in file_tags):
        return 1
    return 2 if any(t.platform == PLATFORM for t in file_tags) else 3


def find_wheel(pin: Pin, files: Iterable[dict[str, object]], tags: frozenset[Tag]) -> Finding:
    """The best file of the pinned version Windows installs: CPython 3.11's own, then abi3, then pure Python."""
    wanted = Version(pin.version)
    candidates: list[tuple[int, str]] = []
    others: set[str] = set()
    sources: list[dict[str, object]] = []
    for entry in files:
        filename = str(entry["filename"])
        if not filename.endswith(".whl"):
            try:
                name, version = parse_sdist_filename(filename)
            except InvalidSdistFilename:
                continue
            if name == pin.name and version == wanted:
                sources.append(entry)
            continue
        try:
            name, version, _build, file_tags = parse_wheel_filename(filename)
        except InvalidWheelFilename:
            continue
        if name != pin.name or version != wanted:
            continue
        if file_tags & tags:
            candidates.append((_kind(file_tags), filename))
        else:
            others.update(t.platform for t in file_tags)
    if candidates:
        kind, filename = min(candidates)
        return Finding(pin, filename, KINDS[kind])
    if others:
        return Finding(pin, None, f"wheels only for {', '.join(sorted(others))}")
    if sources:
        return Finding(pin, None, f"no wheel: only the source {sources[0]['filename']}, which pip would have to "
                       "build on the PC", sources[0])
    return Finding(pin, None, "no file of this version on the index")


def _fetch(session: requests.Session, entry: dict[str, object]) -> bytes:
    """The bytes of one file the index lists, as stored (no content decoding), at most SOURCE_CAP_BYTES."""
    size = entry.get("size")
    if isinstance(size, int) and size > SOURCE_CAP_BYTES:
        raise ValueError(f"larger than {SOURCE_CAP_BYTES // 2**20} MB")
    with session.get(str(entry["url"]), stream=True, timeout=TIMEOUT_S) as response:
        response.raise_for_status()
        data = bytearray()
        for chunk in response.raw.stream(65536, decode_content=False):
            data += chunk
            if len(data) > SOURCE_CAP_BYTES:
                raise ValueError(f"larger than {SOURCE_CAP_BYTES // 2**20} MB")
    hashes = entry.get("hashes")
    expected = hashes.get("sha256") if isinstance(hashes, dict) else None
    if expected and hashlib.sha256(data).hexdigest() != expected:
        raise ValueError("its sha256 differs from the index's")
    return bytes(data)


def _members(filename: str, data: bytes) -> Iterable[tuple[str, int, bytes | None]]:
    """(path inside the sdist's top folder, size, content of a top-level build file or None) of each member."""
    if filename.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                inner = info.filename.partition("/")[2]
                build = inner in BUILD_FILES and info.file_size <= 2**20
                yield inner, info.file_size, archive.read(info) if build else None
        return
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        for member in archive:
            inner = member.name.partition("/")[2]
            readable = member.isfile() and inner in BUILD_FILES and member.size <= 2**20
            handle = archive.extractfile(member) if readable else None
            yield inner, member.size, handle.read() if handle else None


def extension_code(filename: str, data: bytes) -> str | None:
    """Why a source archive is not pure Python (compiled sources, prebuilt libraries, an extension named in its
    build files, no build file), or None when it is. Only reads the archive; nothing in it is run."""
    unpacked = 0
    build_files = []
    try:
        for inner, size, content in _members(filename, data):
            unpacked += size
            if unpacked > UNPACKED_CAP_BYTES:
                return f"unpacks to more than {UNPACKED_CAP_BYTES // 2**20} MB"
            base = inner.rsplit("/", 1)[-1]
            if base.lower().endswith(COMPILED_SUFFIXES) or base in COMPILED_FILES:
                return f"holds {inner}"
            if content is not None:
                build_files.append(inner)
                text = content.decode("utf-8", "replace")
                found = [word for word in EXTENSION_WORDS if word in text]
                if found:
                    return f"its {inner} names {found[0]}"
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as error:
        return f"not a readable archive ({error})"
    if not {"setup.py", "pyproject.toml"} & set(build_files):
        return "no setup.py or pyproject.toml at its top"
    return None


def check(constraints: Path, index: str, *, out: TextIO = sys.stdout) -> int:
    pins = read_pins(constraints)
    windows = [pin for pin in pins if pin.on_windows]
    tags = installable_tags()
    print(f"constraints: {constraints.name}, {len(pins)} pins, {len(windows)} installed on Windows "
          f"(CPython {PYTHON[0]}.{PYTHON[1]}, {PLATFORM}); index: {index}", file=out)
    with requests.Session() as session:

        def one(pin: Pin) -> Finding:
            try:
                finding = find_wheel(pin, project_files(session, index, pin.name), tags)
            except requests.RequestException as error:
                return Finding(pin, None, f"index not reachable ({type(error).__name__}: {error})")
            if finding.source is None:
                return finding
            filename = str(finding.source["filename"])
            try:
                why = extension_code(filename, _fetch(session, finding.source))
            except (requests.RequestException, ValueError) as error:
                why = f"could not be fetched to look inside ({error})"
            if why is None:
                return Finding(pin, filename, PURE_SOURCE)
            return Finding(pin, None, f"{finding.note}; not proven pure Python: {filename} {why}")

        with ThreadPoolExecutor(max_workers=8) as pool:
            findings = list(pool.map(one, windows))
    for finding in findings:
        mark = "ok" if finding.ok else "MISSING"
        what = f"{finding.wheel} ({finding.note})" if finding.ok else finding.note
        print(f"  [{mark:7}] {finding.pin.name}=={finding.pin.version}: {what}", file=out)
    for pin in pins:
        if not pin.on_windows:
            print(f"  [skipped] {pin.name}=={pin.version}: not installed on Windows ({pin.marker})",
                  file=out)
    missing = [f for f in findings if not f.ok]
    unreachable = [f for f in missing if f.note.startswith("index not reachable")]
    source = sum(1 for f in findings if f.ok and f.note == PURE_SOURCE)
    binary = sum(1 for f in findings if f.ok and f.note not in (KINDS[-1], PURE_SOURCE))
    print(f"Windows wheels: {len(findings) - len(missing)} of {len(findings)} found "
          f"({binary} binary, {len(findings) - len(missing) - binary - source} pure Python, "
          f"{source} pure Python from source), {len(missing)} missing; "
          f"{len(pins) - len(windows)} pins not for Windows.", file=out)
    if unreachable:
        return 2
    return 1 if missing else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--constraints", type=Path, default=ROOT / "constraints.txt")
    parser.add_argument("--index-url", help="ask this index instead of the one pip is configured to use")
    options = parser.parse_args(argv)
    return check(options.constraints, options.index_url or index_url())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Open gazetteer sources (a path, a zip, a URL) and fetch a country's public files."""

from __future__ import annotations

import contextlib
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from frontlines.errors import GazetteerError

__all__ = ["GEONAMES_URL", "fetch_country", "open_text", "read_bytes"]

GEONAMES_URL = "https://download.geonames.org/export/dump"
_TIMEOUT = httpx.Timeout(60.0, connect=15.0)


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def download(url: str, dest: Path, progress: Callable[[int], None] | None = None) -> Path:
    """Stream `url` into `dest`; raise GazetteerError with the reason when it fails."""
    try:
        with httpx.stream("GET", url, timeout=_TIMEOUT, follow_redirects=True) as resp:
            if resp.status_code != 200:
                raise GazetteerError(
                    f"cannot download {url}: HTTP {resp.status_code}; check the country code "
                    "and that you are online", path=url,
                )
            tmp = dest.with_suffix(dest.suffix + ".part")
            with tmp.open("wb") as fh:
                for chunk in resp.iter_bytes(1 << 16):
                    fh.write(chunk)
                    if progress is not None:
                        progress(len(chunk))
            tmp.replace(dest)
    except httpx.HTTPError as exc:
        raise GazetteerError(
            f"cannot download {url}: {exc}; without network, download the file elsewhere and "
            "load it with `frontlines gazetteer load --format ... PATH`", path=url,
        ) from exc
    return dest


@contextlib.contextmanager
def _local(source: str | Path) -> Iterator[Path]:
    if isinstance(source, str) and _is_url(source):
        with tempfile.TemporaryDirectory(prefix="frontlines-") as tmp:
            name = source.rstrip("/").rsplit("/", 1)[-1] or "download"
            yield download(source, Path(tmp) / name)
    else:
        path = Path(source)
        if not path.exists():
            raise GazetteerError(f"{path}: no such file", path=str(path))
        yield path


def _pick_member(zf: zipfile.ZipFile, stem: str) -> str:
    names = [n for n in zf.namelist() if not n.endswith("/")]
    data = [n for n in names if not Path(n).name.lower().startswith("readme")]
    for n in data:
        if Path(n).stem.lower() == stem.lower():
            return n
    if not data:
        raise GazetteerError(f"{stem}.zip holds no data file")
    return max(data, key=lambda n: zf.getinfo(n).file_size)


@contextlib.contextmanager
def open_text(source: str | Path) -> Iterator[io.TextIOBase]:
    """A text stream over a file, a URL, or the data file inside a zip (either)."""
    with _local(source) as path:
        if zipfile.is_zipfile(path):
            try:
                with zipfile.ZipFile(path) as zf:
                    member = _pick_member(zf, path.stem)
                    with zf.open(member) as raw:
                        yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            except zipfile.BadZipFile as exc:
                raise GazetteerError(f"{source}: broken zip file: {exc}", path=str(source)) from exc
        else:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                yield fh


def read_bytes(source: str | Path) -> bytes:
    """The whole content of a file or URL (for JSON / GeoJSON sources)."""
    with open_text(source) as fh:
        return fh.read().encode("utf-8")


def fetch_country(
    country_code: str,
    dest_dir: str | Path,
    base_url: str = GEONAMES_URL,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Download a country's GeoNames dump and its alternate names (`CC.zip`,
    `alternatenames/CC.zip`) into `dest_dir`. Returns the files written; the alternate names
    are optional (skipped when the server has none)."""
    cc = country_code.strip().upper()
    if len(cc) != 2 or not cc.isalpha():
        raise GazetteerError(f"{country_code!r} is not an ISO 3166-1 alpha-2 code (e.g. SY, IQ)")
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    base = base_url.rstrip("/")
    files = [download(f"{base}/{cc}.zip", dest / f"{cc}.zip", progress)]
    try:
        files.append(download(f"{base}/alternatenames/{cc}.zip",
                              dest / f"{cc}-alternatenames.zip", progress))
    except GazetteerError:
        pass
    return files

"""Browser downloads built by the same export code as ``workbench export`` (same safety).

Each download writes the export to a private temporary folder with
:mod:`workbench.export` and hands back the bytes, so the browser gets exactly what
the CLI writes: neutralised CSV cells, the documented ClaimReview mapping, and a
manifest whose SHA-256 matches the file beside it in the ZIP.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from workbench import export
from workbench.errors import InvalidInputError
from workbench.store import Store

__all__ = ["EXPORTS", "bundle", "export_bytes", "links_supported"]

# key -> (file name, label)
EXPORTS = {
    "verdicts": ("verdicts.csv", "Verdicts and sign-offs (CSV)"),
    "links": ("links.csv", "Links between claims (CSV)"),
    "claims": ("claims.csv", "Claims with clusters and verdicts (CSV)"),
    "clusters": ("clusters.csv", "Clusters, sources side by side (CSV)"),
    "claimreview": ("claimreview.jsonld", "ClaimReview JSON-LD (signed-off clusters)"),
}


def _write(store: Store, key: str, out: Path, *, base_url: str | None) -> export.ExportResult:
    if key == "claimreview":
        return export.export_jsonld(store, out, base_url=base_url)
    per = {"verdicts": "verdict", "links": "link", "claims": "claim", "clusters": "cluster"}[key]
    return export.export_csv(store, out, per=per)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def links_supported() -> bool:
    """Whether the export code knows the per-link CSV layout (tried on an empty store)."""
    with tempfile.TemporaryDirectory(prefix="wb-export-") as tmp, Store.open(":memory:") as store:
        try:
            export.export_csv(store, Path(tmp) / "links.csv", per="link")  # type: ignore[arg-type]
        except InvalidInputError:
            return False
    return True


def export_bytes(db: str, key: str, *, base_url: str | None = None) -> bytes:
    """One export's bytes (InvalidInputError for an unknown kind)."""
    if key not in EXPORTS:
        raise InvalidInputError(f"unknown export {key!r}")
    with tempfile.TemporaryDirectory(prefix="wb-export-") as tmp, Store.open(db) as store:
        out = Path(tmp) / EXPORTS[key][0]
        _write(store, key, out, base_url=base_url)
        return out.read_bytes()


def bundle(db: str, *, base_url: str | None = None, keys: tuple[str, ...] = ()) -> bytes:
    """A ZIP of the chosen exports, each with its manifest."""
    chosen = keys or tuple(k for k in EXPORTS if k != "links" or links_supported())
    buffer = io.BytesIO()
    with (
        tempfile.TemporaryDirectory(prefix="wb-export-") as tmp,
        Store.open(db) as store,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for key in chosen:
            out = Path(tmp) / EXPORTS[key][0]
            manifest = export.write_manifest(_write(store, key, out, base_url=base_url))
            archive.write(out, out.name)
            archive.write(manifest, manifest.name)
    return buffer.getvalue()

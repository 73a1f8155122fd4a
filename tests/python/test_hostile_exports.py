"""The hostile fixtures that resograph accepts (control characters, broken front matter,
deep nesting, odd numbering) still export to files that rdflib reads."""

import pytest
import rdflib

from conftest import FORMATS

ACCEPTED = [
    "preamble-only.txt",
    "numbering.txt",
    "control-chars.txt",
    "deep-nesting.txt",
    "front-matter-unclosed.md",
    "front-matter-invalid.md",
]


@pytest.fixture(scope="module")
def hostile_exports(resograph, root, tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    store = work / "store"
    files = [str(root / "tests" / "data" / "hostile" / f) for f in ACCEPTED]
    resograph("--data", str(root / "data"), "ingest", *files, store_dir=store)
    out = {}
    for fmt in FORMATS:
        path = work / f"export.{fmt}"
        resograph("export", "--format", fmt, "-o", str(path), store_dir=store)
        out[fmt] = path
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_rdflib_reads_the_export_of_hostile_input(fmt, hostile_exports):
    parser, dataset = FORMATS[fmt]
    g = rdflib.Dataset() if dataset else rdflib.Graph()
    g.parse(str(hostile_exports[fmt]), format=parser)
    assert len(g) > 0 or len(list(g.quads((None, None, None, None)))) > 0

"""Shared fixtures: the store and exports that tests/python/run prepared.

Run through tests/python/run, which builds resograph, ingests the corpus into a temporary
store, exports every format and sets the RESOGRAPH_* variables read here.
"""

import json
import os
import re
import subprocess
import threading
from pathlib import Path

import pytest
import rdflib

RG = rdflib.Namespace("https://w3id.org/resograph/ontology#")
VOCABULARY = "https://w3id.org/resograph/graph/vocabulary"

# export format name -> (rdflib parser name, keeps named graphs)
FORMATS = {
    "turtle": ("turtle", False),
    "trig": ("trig", True),
    "ntriples": ("nt", False),
    "nquads": ("nquads", True),
    "rdfxml": ("xml", False),
    "jsonld": ("json-ld", True),
}


def _env(name):
    value = os.environ.get(name)
    if not value:
        raise pytest.UsageError(f"{name} is not set: run tests/python/run, not pytest directly")
    return value


@pytest.fixture(scope="session")
def root():
    return Path(_env("RESOGRAPH_ROOT"))


@pytest.fixture(scope="session")
def exports():
    return Path(_env("RESOGRAPH_EXPORTS"))


@pytest.fixture(scope="session")
def store():
    return Path(_env("RESOGRAPH_TEST_STORE"))


@pytest.fixture(scope="session")
def resograph(store):
    """Runs the resograph binary on the test store; returns the CompletedProcess."""
    binary = _env("RESOGRAPH_BIN")

    def run(*args, store_dir=None, check=True):
        done = subprocess.run(
            [binary, "--store", str(store_dir or store), *args],
            capture_output=True,
            text=True,
            env={k: v for k, v in os.environ.items() if k not in ("RESOGRAPH_DATA", "RESOGRAPH_STORE")},
        )
        if check and done.returncode != 0:
            raise AssertionError(f"resograph {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
        return done

    return run


@pytest.fixture(scope="session")
def count(resograph):
    """The store's answer to a COUNT query, as an int."""

    def run(query):
        done = resograph("query", query, "--format", "json")
        bindings = json.loads(done.stdout)["results"]["bindings"]
        return int(bindings[0]["n"]["value"])

    return run


_parsed = {}


@pytest.fixture(scope="session")
def parsed(exports):
    """The export in one format, parsed by rdflib (once per session)."""

    def parse(fmt):
        if fmt not in _parsed:
            parser, dataset = FORMATS[fmt]
            graph = rdflib.Dataset() if dataset else rdflib.Graph()
            graph.parse(str(exports / f"export.{fmt}"), format=parser)
            _parsed[fmt] = graph
        return _parsed[fmt]

    return parse


@pytest.fixture(scope="session")
def server(store):
    """`resograph serve` on the test store, started for real on a loopback port the system
    picks; yields its base URL. Read-only (`--read-only`), so that the CLI may read the same
    store meanwhile, as other tests do."""
    binary = _env("RESOGRAPH_BIN")
    proc = subprocess.Popen(
        [binary, "--store", str(store), "serve", "--read-only", "--bind", "127.0.0.1:0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stderr.readline()
    found = re.search(r"http://(127\.0\.0\.1:[0-9]+)/sparql", line)
    if not found:
        proc.kill()
        pytest.fail(f"the server did not say where it listens: {line!r}")
    # Keep reading, so the server never blocks on a full pipe.
    threading.Thread(target=proc.stderr.read, daemon=True).start()
    yield f"http://{found.group(1)}"
    proc.terminate()
    proc.wait(timeout=10)

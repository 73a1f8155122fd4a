"""`resograph push` to real triplestores started on loopback: an Oxigraph server (the
`oxigraph` CLI of the PyPI package of that name, Graph Store Protocol at /store) and
Virtuoso Open Source 7 (Debian's virtuoso-opensource-7-bin, from a minimal ini; Graph Store
Protocol at /sparql-graph-crud-auth with Digest authentication). After a push each graph
holds on the server as many triples as in the store, and pushing again changes nothing.

The store is the sample corpus of data/ (a few documents, so the pushes stay quick); the
push of the whole shared corpus is timed by hand in the README. Virtuoso is installed by
tests/python/run; without it the Virtuoso test skips, unless RESOGRAPH_REQUIRE_SERVERS=1
(as in .ci/run), where it fails."""

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited ({process.returncode}) before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no answer from {url} after {seconds} s")


def remote_counts(sparql_url):
    request = urllib.request.Request(
        sparql_url + "?" + urllib.parse.urlencode({"query": COUNTS}), headers={"Accept": "text/csv"}
    )
    text = urllib.request.urlopen(request, timeout=60).read().decode()
    return {row["g"]: int(row["n"]) for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, root):
    store = tmp_path_factory.mktemp("push") / "store"
    subprocess.run(
        [os.environ["RESOGRAPH_BIN"], "--store", str(store), "--data", str(root / "data"), "ingest", str(root / "data" / "corpus")],
        capture_output=True,
        check=False,
    )
    return store


def local_counts(store):
    done = subprocess.run(
        [os.environ["RESOGRAPH_BIN"], "--store", str(store), "query", "--format", "csv", COUNTS],
        capture_output=True,
        text=True,
        check=True,
    )
    return {row["g"]: int(row["n"]) for row in csv.DictReader(io.StringIO(done.stdout))}


def push(store, url, user=None, password=None):
    env = {k: v for k, v in os.environ.items() if k != "RESOGRAPH_PUSH_PASSWORD"}
    if password is not None:
        env["RESOGRAPH_PUSH_PASSWORD"] = password
    args = [os.environ["RESOGRAPH_BIN"], "--store", str(store), "push", "--to", url]
    if user:
        args += ["--user", user]
    return subprocess.run(args, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = Path(sys.executable).parent / "oxigraph"
    assert binary.exists(), f"{binary}: the oxigraph package is in tests/python/requirements.txt"
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/query", process)
    yield base
    process.terminate()
    process.wait(timeout=30)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    binary = shutil.which("virtuoso-t")
    if binary is None:
        if os.environ.get("RESOGRAPH_REQUIRE_SERVERS") == "1":
            pytest.fail("virtuoso-t is not installed (tests/python/run installs virtuoso-opensource-7-bin)")
        pytest.skip("virtuoso-t is not installed: Debian's virtuoso-opensource-7-bin")
    directory = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [binary, "-f", "-c", str(ini)], cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{http_port}"
    wait_for(base + "/sparql", process)
    yield base
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def test_push_to_an_oxigraph_server(small_store, oxigraph_server):
    local = local_counts(small_store)
    assert len(local) > 5
    for attempt in (1, 2):
        done = push(small_store, oxigraph_server + "/store")
        assert done.returncode == 0, done.stderr
        assert f"pushed {len(local)} graphs" in done.stderr, done.stderr
        # The first push finds the server empty: every graph goes in bulk, as N-Quads. The
        # second finds them all there and replaces each (PUT), so nothing is doubled.
        if attempt == 1:
            assert f"{len(local)} new graphs sent in bulk as N-Quads" in done.stderr, done.stderr
        else:
            assert "in bulk" not in done.stderr, done.stderr
        assert remote_counts(oxigraph_server + "/query") == local, f"push {attempt}"


def test_push_to_virtuoso_takes_no_bulk_path(small_store, virtuoso_server):
    done = push(small_store, virtuoso_server + "/sparql-graph-crud-auth", user="dba", password="dba")
    assert done.returncode == 0, done.stderr
    assert "in bulk" not in done.stderr, done.stderr


def test_push_to_virtuoso_with_digest_authentication(small_store, virtuoso_server):
    local = local_counts(small_store)
    crud = virtuoso_server + "/sparql-graph-crud-auth"
    # Without a password: refused before anything is sent.
    done = push(small_store, crud, user="dba")
    assert done.returncode != 0 and "RESOGRAPH_PUSH_PASSWORD" in done.stderr, done.stderr
    # Without a user: the server's challenge is reported.
    done = push(small_store, crud)
    assert done.returncode == 1 and "asks for a user" in done.stderr, done.stderr
    for attempt in (1, 2):
        done = push(small_store, crud, user="dba", password="dba")
        assert done.returncode == 0, done.stderr
        remote = remote_counts(virtuoso_server + "/sparql")
        # Virtuoso keeps graphs of its own beside ours.
        assert {g: remote.get(g) for g in local} == local, f"push {attempt}"
    # A wrong password.
    done = push(small_store, crud, user="dba", password="wrong")
    assert done.returncode == 1, done.stderr

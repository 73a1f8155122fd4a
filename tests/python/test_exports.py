"""rdflib reads every export format, and finds as many triples (or quads) as the store holds."""

import pytest
import rdflib

from conftest import FORMATS

QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# Formats without graphs merge the named graphs: each triple once.
TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def counts(count):
    return {"quads": count(QUADS), "triples": count(TRIPLES), "graphs": count(GRAPHS)}


def test_the_store_is_not_trivial(counts):
    # A count that is 0 on both sides would prove nothing.
    assert counts["quads"] > 5000
    assert counts["graphs"] >= 7  # data/corpus has 6 documents, plus the vocabulary
    assert counts["triples"] <= counts["quads"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_rdflib_parses_the_export_with_the_store_count(fmt, parsed, counts):
    graph = parsed(fmt)
    _, dataset = FORMATS[fmt]
    if dataset:
        quads = list(graph.quads((None, None, None, None)))
        assert len(quads) == counts["quads"]
        names = {g for *_, g in quads}
        assert len(names) == counts["graphs"]
        assert all(isinstance(g, rdflib.URIRef) for g in names), "a quad in the default graph"
    else:
        assert len(graph) == counts["triples"]


def test_formats_agree_triple_for_triple(parsed):
    # No blank nodes in resograph's output, so graph isomorphism is set equality.
    turtle = set(parsed("turtle"))
    assert turtle == set(parsed("ntriples"))
    assert turtle == set(parsed("rdfxml"))
    merged = {(s, p, o) for s, p, o, _ in parsed("nquads").quads((None, None, None, None))}
    assert turtle == merged
    assert not any(isinstance(t, rdflib.BNode) for triple in turtle for t in triple)


def test_datasets_agree_quad_for_quad(parsed):
    def quads(fmt):
        return {(s, p, o, g.identifier if hasattr(g, "identifier") else g)
                for s, p, o, g in parsed(fmt).quads((None, None, None, None))}

    nquads = quads("nquads")
    assert nquads == quads("trig")
    assert nquads == quads("jsonld")

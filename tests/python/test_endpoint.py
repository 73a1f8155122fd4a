"""Third-party SPARQL clients against `resograph serve`, started for real on loopback on the
test store: SPARQLWrapper (JSON, CSV, XML, CONSTRUCT as Turtle, GET and POST) and rdflib's
SPARQLStore. Updates are refused; a syntax error is the client's bad query."""

import urllib.error

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

# The question users ask most, for the reference document (in the shared corpus and in
# data/corpus): paragraph 13 asks UNODC for assistance on biometric data.
QUESTION = """
PREFIX rg: <https://w3id.org/resograph/ontology#>
SELECT DISTINCT ?number WHERE {
  GRAPH ?g {
    ?paragraph a rg:OperativeParagraph ; rg:number ?number ; rg:text ?text .
    ?paragraph rg:hasPart* ?part .
    ?part rg:mandate ?mandate .
    ?mandate rg:addressee <https://w3id.org/resograph/actor/unodc> .
    FILTER(CONTAINS(LCASE(STR(?text)), "biometric"))
  }
}"""


@pytest.fixture(scope="module")
def endpoint(server):
    return f"{server}/sparql"


def client(endpoint, query, fmt=JSON, method=None):
    s = SPARQLWrapper(endpoint)
    s.setQuery(query)
    s.setReturnFormat(fmt)
    if method:
        s.setMethod(method)
    return s.query().convert()


def test_sparqlwrapper_asks_the_question(endpoint):
    for method in (None, POST):
        answer = client(endpoint, QUESTION, JSON, method)
        numbers = {b["number"]["value"] for b in answer["results"]["bindings"]}
        assert "13" in numbers, answer


def test_sparqlwrapper_reads_each_result_format(endpoint):
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    count = int(client(endpoint, query)["results"]["bindings"][0]["n"]["value"])
    assert count > 1000
    csv = client(endpoint, query, CSV).decode()
    assert csv.splitlines()[1].strip() == str(count)
    xml = client(endpoint, query, XML)
    assert str(count) in xml.toxml()
    graph = client(
        endpoint,
        "PREFIX rg: <https://w3id.org/resograph/ontology#> "
        "CONSTRUCT { ?g rg:symbol ?s } WHERE { GRAPH ?g { ?g rg:symbol ?s } }",
        TURTLE,
    )
    parsed = rdflib.Graph().parse(data=graph, format="turtle")
    assert len(parsed) > 3


def test_rdflib_sparqlstore_queries_the_endpoint(endpoint):
    graph = rdflib.Graph(store=SPARQLStore(query_endpoint=endpoint))
    numbers = {str(row.number) for row in graph.query(QUESTION)}
    assert "13" in numbers


def test_updates_are_refused_and_bad_queries_reported(endpoint):
    s = SPARQLWrapper(endpoint)
    s.setMethod(POST)
    s.setQuery("DROP ALL")
    with pytest.raises(urllib.error.HTTPError) as refused:
        s.query()
    assert refused.value.code == 403
    before = client(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(before["results"]["bindings"][0]["n"]["value"]) > 1000
    with pytest.raises(QueryBadFormed):
        client(endpoint, "SELECT ?x WHERE { ?x")

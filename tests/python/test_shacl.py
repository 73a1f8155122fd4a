"""pySHACL validates the export against ontology/shapes.ttl, and the shapes do constrain."""

import pyshacl
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD

from conftest import RG, VOCABULARY

# The reference document (always in the ingested corpus): ccpcj-2023-..., no symbol.
REFERENCE_FILE = "ccpcj-2023-counter-terrorism-technical-assistance.txt"


@pytest.fixture(scope="module")
def shapes(root):
    g = rdflib.Graph()
    g.parse(str(root / "ontology" / "shapes.ttl"), format="turtle")
    return g


def violations(data, shapes):
    """(constraint component, path, focus node) of every result, and the report text."""
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=False
    )
    found = set()
    # Every result, nested ones (sh:detail, under a sh:node constraint) included.
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        if isinstance(path, rdflib.BNode):
            # A sequence path, as the tuple of its properties.
            path = tuple(Collection(report, path))
        found.add(
            (
                report.value(result, SH.sourceConstraintComponent),
                path,
                report.value(result, SH.focusNode),
            )
        )
    assert conforms == (not found)
    return found, text


def test_the_corpus_export_conforms(parsed, shapes):
    data = parsed("turtle")
    found, text = violations(data, shapes)
    assert not found, text[:20000]


def test_one_symbol_form_per_property(parsed):
    """Every document's rg:symbol is the printed form (a space before a bracket) and its
    rg:undocsSymbol the undocs.org form; no rg:annexOf is a string."""
    data = parsed("turtle")
    printed = [str(o) for o in data.objects(None, RG.symbol)]
    undocs = [str(o) for o in data.objects(None, RG.undocsSymbol)]
    assert printed and undocs
    assert not [p for p in printed if "(" in p and " (" not in p]
    assert not [u for u in undocs if " (" in u]
    annexes = list(data.objects(None, RG.annexOf))
    assert annexes and all(isinstance(o, rdflib.URIRef) for o in annexes)


# ------------------------------------------------------------------ a broken graph


@pytest.fixture(scope="module")
def small(resograph, exports):
    """The reference document's graph plus the vocabulary graph, as one rdflib graph."""
    docs = resograph(
        "query",
        "SELECT ?g WHERE { GRAPH ?g { ?g <https://w3id.org/resograph/ontology#sourceText>/"
        "<http://www.w3.org/2000/01/rdf-schema#label> ?f } "
        f'FILTER(STRENDS(?f, "{REFERENCE_FILE}")) }}',
        "--format", "tsv",
    ).stdout.split("\n")[1:]
    iri = docs[0].strip().strip("<>")
    g = rdflib.Graph()
    for name in (iri, VOCABULARY):
        out = exports / f"small-{abs(hash(name))}.ttl"
        resograph("export", "--graph", name, "-o", str(out))
        g.parse(str(out), format="turtle")
    return g


def copy(graph):
    g = rdflib.Graph()
    for t in graph:
        g.add(t)
    return g


def one(graph, cls):
    """The first instance of cls (by IRI order), for repeatable tests."""
    return sorted(graph.subjects(RDF.type, cls))[0]


def test_the_small_graph_conforms(small, shapes):
    found, text = violations(small, shapes)
    assert not found, text
    assert len(small) > 1000


def remove_text(g):
    p = one(g, RG.OperativeParagraph)
    g.remove((p, RG.text, None))
    return {(SH.MinCountConstraintComponent, RG.text, p)}


def start_after_end(g):
    p = one(g, RG.PreambularParagraph)
    end = int(g.value(p, RG.charEnd))
    g.set((p, RG.charStart, rdflib.Literal(end + 1, datatype=XSD.integer)))
    # Spans are checked by rgs:Spanned through sh:node: the result and its detail.
    return {
        (SH.NodeConstraintComponent, None, p),
        (SH.LessThanOrEqualsConstraintComponent, RG.charStart, p),
    }


def mandate_without_verb(g):
    m = one(g, RG.Mandate)
    g.remove((m, RG.verb, None))
    # Without a verb, no mandating category either.
    mandating = (RG.verb, SKOS.broader, RG.mandating)
    return {
        (SH.MinCountConstraintComponent, RG.verb, m),
        (SH.MinCountConstraintComponent, mandating, m),
        (SH.HasValueConstraintComponent, mandating, m),
    }


def end_date_without_change(g):
    d = one(g, RG.Directive)
    g.add((d, RG.until, rdflib.Literal("2030-01-31", datatype=XSD.date)))
    return {(SH.MinCountConstraintComponent, RG.lifecycle, d)}


def bad_layout(g):
    d = next(g.subjects(RG.layout, None))
    g.set((d, RG.layout, rdflib.Literal("pdf")))
    return {(SH.InConstraintComponent, RG.layout, d)}


def bad_marker(g):
    f = one(g, RG.Footnote)
    g.set((f, RG.marker, rdflib.Literal("4a")))
    return {(SH.PatternConstraintComponent, RG.marker, f)}


def position_zero(g):
    p = one(g, RG.OperativeParagraph)
    g.set((p, RG.position, rdflib.Literal(0, datatype=XSD.integer)))
    return {(SH.MinInclusiveConstraintComponent, RG.position, p)}


def two_texts(g):
    p = one(g, RG.OperativeParagraph)
    g.add((p, RG.text, rdflib.Literal("a second text", lang="en")))
    return {(SH.MaxCountConstraintComponent, RG.text, p)}


def operative_and_preambular(g):
    p = one(g, RG.OperativeParagraph)
    g.add((p, RDF.type, RG.PreambularParagraph))
    # Also a mandate in a (now) preambular paragraph, if it has one.
    expected = {(SH.NotConstraintComponent, None, p)}
    if g.value(p, RG.mandate) is not None:
        expected.add((SH.MaxCountConstraintComponent, RG.mandate, p))
    return expected


def string_line(g):
    c = one(g, RG.Citation)
    g.set((c, RG.line, rdflib.Literal("12")))
    # A string is not an xsd:integer, nor comparable with sh:minInclusive 1.
    return {
        (SH.NodeConstraintComponent, None, c),
        (SH.DatatypeConstraintComponent, RG.line, c),
        (SH.MinInclusiveConstraintComponent, RG.line, c),
    }


def addressee_not_an_actor(g):
    m = one(g, RG.Mandate)
    g.add((m, RG.addressee, rdflib.URIRef("https://example.org/not-an-actor")))
    return {(SH.ClassConstraintComponent, RG.addressee, m)}


def untagged_text(g):
    p = one(g, RG.OperativeParagraph)
    g.set((p, RG.text, rdflib.Literal(str(g.value(p, RG.text)))))
    return {(SH.DatatypeConstraintComponent, RG.text, p)}


def path_as_source_label(g):
    s = one(g, RG.SourceText)
    g.set((s, RDFS.label, rdflib.Literal("/home/someone/corpus/" + str(g.value(s, RDFS.label)))))
    return {(SH.PatternConstraintComponent, RDFS.label, s)}


# ---- the wrong graphs of issue 9, each caught by a shape


def mandate_that_welcomes(g):
    """A mandate whose verb is "welcome", whose category does not ask anyone to act."""
    m = one(g, RG.Mandate)
    g.set((m, RG.verb, rdflib.URIRef("https://w3id.org/resograph/verb/welcome")))
    return {(SH.HasValueConstraintComponent, (RG.verb, SKOS.broader, RG.mandating), m)}


def directive_outside_its_paragraph(g):
    d = one(g, RG.Directive)
    p = g.value(None, RG.directive, d)
    end = int(g.value(p, RG.charEnd))
    g.set((d, RG.charStart, rdflib.Literal(end + 1, datatype=XSD.integer)))
    g.set((d, RG.charEnd, rdflib.Literal(end + 10, datatype=XSD.integer)))
    return {(SH.SPARQLConstraintComponent, None, d)}


def part_of_another_document(g):
    """A paragraph made part of a (cited) document other than its own."""
    p = one(g, RG.OperativeParagraph)
    own = str(next(g.subjects(RG.layout, None)))
    other = next(d for d in sorted(g.subjects(RDF.type, RG.Resolution)) if str(d) != own)
    g.set((p, RG.isPartOf, other))
    return {(SH.SPARQLConstraintComponent, None, p)}


def citation_of_a_topic(g):
    c = one(g, RG.Citation)
    g.set((c, RG.cited, one(g, RG.Topic)))
    return {(SH.OrConstraintComponent, RG.cited, c)}


def undocs_page_of_another_document(g):
    """Two cited documents whose undocs.org pages are swapped."""
    cited = {d for c in (RG.Resolution, RG.Document) for d in g.subjects(RDF.type, c)}
    a, b = sorted(d for d in g.subjects(RG.undocsPage, None) if d in cited and g.value(d, RG.symbol))[:2]
    pa, pb = g.value(a, RG.undocsPage), g.value(b, RG.undocsPage)
    g.set((a, RG.undocsPage, pb))
    g.set((b, RG.undocsPage, pa))
    return {(SH.SPARQLConstraintComponent, None, a), (SH.SPARQLConstraintComponent, None, b)}


def symbol_without_undocs_form(g):
    d = sorted(d for d in g.subjects(RG.undocsSymbol, None) if g.value(d, RG.layout) is None)[0]
    g.remove((d, RG.undocsSymbol, None))
    # The page is no longer the page of one of its undocs.org symbols either.
    return {(SH.SPARQLConstraintComponent, None, d)}


def annex_of_a_symbol_string(g):
    """The registry's old form: rg:annexOf a symbol string instead of the resolution."""
    i = sorted(g.subjects(RG.annexOf, None))[0]
    g.set((i, RG.annexOf, rdflib.Literal("A/RES/55/25")))
    return {
        (SH.NodeKindConstraintComponent, RG.annexOf, i),
        (SH.PatternConstraintComponent, RG.annexOf, i),
        (SH.OrConstraintComponent, RG.annexOf, i),
    }


def corrigendum_as_a_part(g):
    """A corrigendum hung under its parent as a part of it, the parent not its own."""
    a, b = sorted(d for d in g.subjects(RG.undocsSymbol, None) if g.value(d, RG.layout) is None)[:2]
    g.add((a, RG.isPartOf, b))
    g.add((a, RG.corrigendumOf, b))
    return {
        (SH.MaxCountConstraintComponent, RG.isPartOf, a),
        (SH.SPARQLConstraintComponent, None, a),
    }


BREAKAGES = [
    symbol_without_undocs_form,
    annex_of_a_symbol_string,
    corrigendum_as_a_part,
    untagged_text,
    path_as_source_label,
    mandate_that_welcomes,
    directive_outside_its_paragraph,
    part_of_another_document,
    citation_of_a_topic,
    undocs_page_of_another_document,
    remove_text,
    start_after_end,
    mandate_without_verb,
    end_date_without_change,
    bad_layout,
    bad_marker,
    position_zero,
    two_texts,
    operative_and_preambular,
    string_line,
    addressee_not_an_actor,
]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__)
def test_a_broken_graph_violates_the_expected_shape(breakage, small, shapes):
    g = copy(small)
    expected = breakage(g)
    found, text = violations(g, shapes)
    assert found == expected, text

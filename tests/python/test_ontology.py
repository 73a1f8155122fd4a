"""The ontology parses, declares every term the export uses, and the export uses the terms
as declared (object vs datatype properties, ranges, domains); a few external alignments
checked against their specifications (SKOS label disjointness, oa:TextPositionSelector
offsets in code points). What was checked by hand is listed in RELIABILITY.md."""

import collections
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from conftest import RG, VOCABULARY


@pytest.fixture(scope="module")
def ontology(root):
    g = rdflib.Graph()
    g.parse(str(root / "ontology" / "resograph.ttl"), format="turtle")
    return g


def declared(ontology, kind):
    return {s for s in ontology.subjects(RDF.type, kind) if str(s).startswith(str(RG))}


def test_ontology_and_shapes_parse(ontology, root):
    assert (rdflib.URIRef("https://w3id.org/resograph/ontology"), RDF.type, OWL.Ontology) in ontology
    assert len(declared(ontology, OWL.Class)) >= 15
    shapes = rdflib.Graph()
    shapes.parse(str(root / "ontology" / "shapes.ttl"), format="turtle")
    assert len(shapes) > 100


def test_every_term_the_export_uses_is_declared(ontology, parsed):
    data = parsed("turtle")
    terms = set(ontology.subjects(RDF.type, None))
    used = {p for p in data.predicates() if str(p).startswith(str(RG))}
    used |= {o for o in data.objects(None, RDF.type) if str(o).startswith(str(RG))}
    assert len(used) > 30
    assert sorted(used - terms) == []


def test_properties_are_used_as_declared(ontology, parsed):
    data = parsed("turtle")
    objects = declared(ontology, OWL.ObjectProperty)
    datatypes = declared(ontology, OWL.DatatypeProperty)
    assert not objects & datatypes
    wrong = collections.Counter()
    for s, p, o in data:
        if p in objects and not isinstance(o, rdflib.URIRef):
            wrong[f"{p} (object property) has literal {o!r}"] += 1
        if p in datatypes and not isinstance(o, rdflib.Literal):
            wrong[f"{p} (datatype property) has IRI {o}"] += 1
    assert not wrong, wrong.most_common(10)


def test_literal_ranges_hold(ontology, parsed):
    data = parsed("turtle")
    wrong = collections.Counter()
    for p in declared(ontology, OWL.DatatypeProperty):
        rng = ontology.value(p, RDFS.range)
        if rng is None:
            continue
        for o in data.objects(None, p):
            datatype = o.datatype or (RDF.langString if o.language else XSD.string)
            if datatype != rng:
                wrong[f"{p} range {rng}: {datatype}"] += 1
    assert not wrong, wrong.most_common(10)


def test_domains_and_object_ranges_hold(ontology, parsed):
    data = parsed("turtle")
    # rdfs:subClassOf closure inside the ontology.
    supers = collections.defaultdict(set)
    for c in ontology.subjects(RDF.type, OWL.Class):
        supers[c] = set(ontology.transitive_objects(c, RDFS.subClassOf))
    types = collections.defaultdict(set)
    for s, t in data.subject_objects(RDF.type):
        types[s] |= supers.get(t, {t})
    wrong = collections.Counter()
    for p in ontology.subjects(RDFS.domain, None):
        domain = ontology.value(p, RDFS.domain)
        for s in data.subjects(p, None):
            if domain not in types[s]:
                wrong[f"{p} domain {domain}: subject typed {sorted(types[s]) or 'nothing'}"] += 1
    for p in declared(ontology, OWL.ObjectProperty):
        rng = ontology.value(p, RDFS.range)
        if rng is None:
            continue
        for o in data.objects(None, p):
            if rng not in types[o]:
                wrong[f"{p} range {rng}: object typed {sorted(types[o]) or 'nothing'}"] += 1
    assert not wrong, wrong.most_common(10)


def test_skos_labels_are_disjoint(parsed):
    """SKOS S13: prefLabel, altLabel and hiddenLabel are pairwise disjoint. rg:acronym is
    declared a sub-property of skos:altLabel and rg:contextualLabel of skos:hiddenLabel, so
    they count as such. S14: at most one prefLabel per language."""
    data = parsed("turtle")
    problems = []
    subjects = set(data.subjects(SKOS.prefLabel, None))
    for s in subjects:
        pref = set(data.objects(s, SKOS.prefLabel))
        alt = set(data.objects(s, SKOS.altLabel)) | set(data.objects(s, RG.acronym))
        hidden = set(data.objects(s, SKOS.hiddenLabel)) | set(data.objects(s, RG.contextualLabel))
        for a, b, name in ((pref, alt, "pref/alt"), (pref, hidden, "pref/hidden"), (alt, hidden, "alt/hidden")):
            if a & b:
                problems.append(f"{s}: {name} {sorted(a & b)}")
        languages = collections.Counter(label.language for label in pref)
        problems += [f"{s}: {n} prefLabels @{lang}" for lang, n in languages.items() if n > 1]
    assert len(subjects) > 100
    assert not problems, problems[:20]


def test_char_offsets_are_code_points_into_the_source(parsed):
    """rg:charStart/charEnd are documented as oa:start/oa:end of an oa:TextPositionSelector:
    0-based Unicode code points, end exclusive. Python strings index code points, so the
    source sliced with them must hold the paragraph's opening words."""
    data = parsed("turtle")
    texts = {}
    checked, wrong = 0, []
    for doc, file in data.subject_objects(RG.sourceFile):
        path = Path(str(file))
        if not path.is_file():
            continue
        source = path.read_text(encoding="utf-8")
        if source.startswith("\ufeff"):
            source = source[1:]
        texts[doc] = source
        for part in data.objects(doc, RG.hasPart):
            stack = [part]
            while stack:
                p = stack.pop()
                stack.extend(data.objects(p, RG.hasPart))
                text = data.value(p, RG.text)
                if text is None:
                    continue
                start, end = int(data.value(p, RG.charStart)), int(data.value(p, RG.charEnd))
                span = " ".join(source[start:end].split())
                words = str(text).split()[:2]
                checked += 1
                if not (0 <= start <= end <= len(source)) or not all(w in span for w in words):
                    wrong.append(f"{p}: [{start}:{end}] {span[:60]!r} lacks {words}")
    assert checked > 200
    # A non-ASCII document must be among them, or the test cannot tell bytes from characters.
    assert any(not t.isascii() for t in texts.values())
    assert not wrong, f"{len(wrong)} of {checked}: {wrong[:10]}"

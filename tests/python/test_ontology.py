"""The ontology parses, declares every term the export uses, and the export uses the terms
as declared (object vs datatype properties, ranges, domains); a few external alignments
checked against their specifications (SKOS label disjointness, oa:TextPositionSelector
offsets in code points). What was checked by hand is listed in RELIABILITY.md."""

import base64
import collections
import hashlib
import os
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from conftest import RG, VOCABULARY

OA = rdflib.Namespace("http://www.w3.org/ns/oa#")


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


def source_texts():
    """The ingested corpus files by the IRI that names their text (RFC 6920, as the graph
    names it): ni:///sha-256; and the unpadded base64url SHA-256 of the UTF-8 bytes."""
    texts = {}
    for folder in os.environ.get("RESOGRAPH_CORPUS", "").split("\n"):
        if not folder:
            continue
        for path in Path(folder).rglob("*"):
            if path.suffix not in (".txt", ".md", ".markdown") or not path.is_file():
                continue
            data = path.read_bytes()
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            texts[rdflib.URIRef("ni:///sha-256;" + digest.decode())] = data.decode("utf-8", "replace")
    return texts


def test_char_offsets_are_code_points_into_the_source(parsed):
    """Spans are Web Annotation text-position selectors on the source text, which the graph
    names by its hash: 0-based Unicode code points, end exclusive, with rg:charStart/charEnd
    the same numbers. Python strings index code points, so the source sliced with them must
    hold the paragraph's opening words."""
    data = parsed("turtle")
    sources = source_texts()
    texts = {}
    checked, wrong = 0, []
    for doc, name in data.subject_objects(RG.sourceText):
        source = sources.get(name)
        if source is None:
            continue
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
                segment = data.value(p, RG.span)
                selector = data.value(segment, OA.hasSelector)
                if (
                    data.value(segment, OA.hasSource) != name
                    or int(data.value(selector, OA.start)) != start
                    or int(data.value(selector, OA.end)) != end
                    or str(segment) != f"{name}#char={start},{end}"
                ):
                    wrong.append(f"{p}: segment {segment} does not select [{start}:{end}] of {name}")
                span = " ".join(source[start:end].split())
                words = str(text).split()[:2]
                checked += 1
                if not (0 <= start <= end <= len(source)) or not all(w in span for w in words):
                    wrong.append(f"{p}: [{start}:{end}] {span[:60]!r} lacks {words}")
    assert checked > 200
    # A non-ASCII document must be among them, or the test cannot tell bytes from characters.
    assert any(not t.isascii() for t in texts.values())
    assert not wrong, f"{len(wrong)} of {checked}: {wrong[:10]}"


def test_no_local_path_in_the_graph(parsed, root):
    """The graph names a source by its hash; a file name may appear as a label, a path of
    the machine that ran the ingest never does."""
    data = parsed("turtle")
    leaks = [(s, p, o) for s, p, o in data if isinstance(o, rdflib.Literal) and str(root) in str(o)]
    assert not leaks, leaks[:5]
    labels = [str(o) for s in data.subjects(RDF.type, RG.SourceText) for o in data.objects(s, RDFS.label)]
    assert len(labels) > 100
    assert not [x for x in labels if "/" in x], labels[:5]


def test_text_literals_are_tagged_english(parsed):
    """The words of the English resolutions carry @en."""
    data = parsed("turtle")
    for p in (RG.text, RG.action, RG.citedAs, RG.verbPhrase, RG.addresseePhrase, RG.openingPhrase):
        values = list(data.objects(None, p))
        assert len(values) > 100, p
        untagged = [v for v in values if v.language != "en"]
        assert not untagged, (p, untagged[:3])
    originals = set(data.objects(None, RG.originalLanguage))
    assert originals <= {rdflib.URIRef("http://id.loc.gov/vocabulary/iso639-1/en")}, originals

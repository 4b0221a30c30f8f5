"""The data page and the DCAT-AP-DK description: every dataset with its description,
licence, columns and downloads, in both languages, and a description that the official
shapes accept without a single remark."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from samskab.opendata.catalogue import datasets
from tests.factories import make_shift
from tests.factories.activities import ActivityFactory, one_off
from tests.factories.ideas import propose_idea
from tests.factories.vision import InitiativeFactory

pytestmark = pytest.mark.django_db

SHAPES = Path(__file__).parent / "shapes"


@pytest.fixture
def some_data():
    one_off(ActivityFactory(title_da="Æblegrød"), days=2, capacity=4)
    make_shift()
    propose_idea()
    InitiativeFactory()


def test_the_data_page_lists_every_dataset_with_licence_columns_and_downloads(client, some_data):
    response = client.get("/data/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Åbne data fra Samskab</h1>" in page
    for dataset in datasets():
        assert f'id="{dataset.slug}"' in page
        for extension in ("csv", "excel.csv", "json"):
            assert f'href="/data/{dataset.slug}.{extension}"' in page
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page
    assert page.count('rel="license">CC BY 4.0</a>') == 2
    assert 'rel="license">CC0 1.0</a>' in page
    assert 'href="/data/catalog.ttl"' in page


def test_the_data_page_in_english(client, some_data):
    response = client.get("/en/data/")

    page = response.content.decode()
    assert "<h1>Open data from Samskab</h1>" in page
    assert "Sessions of activities, with places left" in page
    assert 'href="/data/aktiviteter.csv"' in page


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_data_page_and_the_description_read_a_fixed_number_of_queries(client, some_data):
    few = (_queries(client, "/data/"), _queries(client, "/data/catalog.ttl"))
    for _ in range(3):
        one_off(ActivityFactory(), days=3, capacity=2)
        propose_idea()

    assert (_queries(client, "/data/"), _queries(client, "/data/catalog.ttl")) == few
    assert few[0] <= len(datasets()) + 2


def _description(client, extension="ttl", format_="turtle") -> Graph:
    response = client.get(f"/data/catalog.{extension}")
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=format_)


@pytest.mark.parametrize(
    "shapes", ["dcat-ap-dk_2.0.2_shacl_shapes.xml", "dcat-ap-dk_2.0.2_shacl_shapes-strict.xml"]
)
def test_the_description_conforms_to_the_official_dcat_ap_dk_shapes(client, some_data, shapes):
    data = _description(client)
    shacl = Graph().parse(SHAPES / shapes, format="xml")

    conforms, _report, text = validate(data, shacl_graph=shacl)

    assert conforms, text


def test_the_description_gives_each_dataset_its_licence_and_three_downloads(client, some_data):
    graph = _description(client)

    described = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(described) == len(datasets())
    activities = URIRef("http://testserver/data/#dataset-aktiviteter")
    assert (activities, DCTERMS.title, Literal("Aktiviteter", lang="da")) in graph
    assert (activities, DCTERMS.title, Literal("Activities", lang="en")) in graph
    distributions = set(graph.objects(activities, DCAT.distribution))
    downloads = {str(graph.value(item, DCAT.downloadURL)) for item in distributions}
    assert downloads == {
        "http://testserver/data/aktiviteter.csv",
        "http://testserver/data/aktiviteter.excel.csv",
        "http://testserver/data/aktiviteter.json",
    }
    licences = {str(graph.value(item, DCTERMS.license)) for item in distributions}
    assert licences == {"https://creativecommons.org/licenses/by/4.0/"}
    initiatives = URIRef("http://testserver/data/#dataset-initiativer")
    for item in graph.objects(initiatives, DCAT.distribution):
        assert str(graph.value(item, DCTERMS.license)) == (
            "https://creativecommons.org/publicdomain/zero/1.0/"
        )
    assert str(graph.value(activities, DCTERMS.spatial)) == (
        "https://api.dataforsyningen.dk/kommuner/0561"
    )
    assert str(graph.value(activities, DCTERMS.publisher)) == "https://www.esbjerg.dk/"


def test_the_description_also_in_rdf_xml_and_json_ld(client, some_data):
    turtle = _description(client)

    assert len(_description(client, "rdf", "xml")) == len(turtle)
    assert len(_description(client, "jsonld", "json-ld")) == len(turtle)

"""The open datasets every app declares (``extensions.Dataset``), and their description in
DCAT-AP-DK 2.0.2, the Danish profile of the EU's DCAT-AP (built with rdflib).

Every resource the description refers to is typed and labelled in the graph itself
(licences, languages, themes, formats, the publisher, the place), so the description
validates against the official SHACL shapes without fetching anything.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from samskab.core import extensions
from samskab.opendata import conf
from samskab.opendata.formats import FORMATS

LANGUAGES = ("da", "en")
EU = "http://publications.europa.eu/resource/authority/"
ADMS_LICENCE_TYPE = Namespace("http://purl.org/adms/licencetype/")
ADMS_PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
IANA = "https://www.iana.org/assignments/media-types/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str
    kind: str
    kind_label: str


LICENCES = {
    "CC0-1.0": Licence(
        "CC0-1.0",
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "PublicDomain",
        "Public domain",
    ),
    "CC-BY-4.0": Licence(
        "CC-BY-4.0",
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Attribution",
        "Attribution",
    ),
}

THEME_LABELS = {
    "SOCI": {"da": "Befolkning og samfund", "en": "Population and society"},
    "GOVE": {"da": "Regeringen og den offentlige sektor", "en": "Government and public sector"},
    "EDUC": {"da": "Uddannelse, kultur og sport", "en": "Education, culture and sport"},
    "HEAL": {"da": "Sundhed", "en": "Health"},
    "REGI": {"da": "Regioner og byer", "en": "Regions and cities"},
}

CATALOGUE_TITLE = _("Open data from Samskab")
CATALOGUE_DESCRIPTION = _(
    "The public data of the municipality's welfare vision platform: organisations, "
    "activities and their sessions, volunteering, needs, ideas, citizen proposals, the "
    "vision's initiatives and its indicators. Updated continuously."
)


def datasets() -> list[extensions.Dataset]:
    return [dataset for _app, dataset in extensions.declared("datasets")]


def dataset(slug: str) -> extensions.Dataset | None:
    return next((found for found in datasets() if found.slug == slug), None)


def download_path(dataset: extensions.Dataset, format_key: str) -> str:
    """The one address of a download (Danish, without a language prefix)."""
    with translation.override("da"):
        return reverse(
            "opendata:download",
            kwargs={"slug": dataset.slug, "extension": FORMATS[format_key].extension},
        )


def catalogue_path() -> str:
    with translation.override("da"):
        return reverse("opendata:catalogue")


def licence(dataset: extensions.Dataset) -> Licence:
    return LICENCES[dataset.licence]


def in_each_language(text) -> dict[str, str]:
    values = {}
    for language in LANGUAGES:
        with translation.override(language):
            values[language] = str(text)
    return values


def _literal_date(moment: datetime | date) -> Literal:
    if isinstance(moment, datetime):
        return Literal(timezone.localtime(moment).replace(microsecond=0), datatype=XSD.dateTime)
    return Literal(moment, datatype=XSD.date)


def catalogue_graph(*, base_url: str, modified: dict[str, datetime | date | None]) -> Graph:
    """The catalogue, each dataset and its three distributions. ``base_url`` is the site's
    address ("https://samskab.esbjerg.dk"); ``modified`` maps each dataset's slug to when it
    last changed."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    graph.bind("skos", SKOS)

    def url(path: str) -> URIRef:
        return URIRef(base_url.rstrip("/") + path)

    def texts(subject, predicate, text):
        for language, value in in_each_language(text).items():
            graph.add((subject, predicate, Literal(value, lang=language)))

    def concept(uri: str, labels: dict[str, str], kind=SKOS.Concept) -> URIRef:
        node = URIRef(uri)
        graph.add((node, RDF.type, kind))
        for language, label in labels.items():
            graph.add((node, SKOS.prefLabel, Literal(label, lang=language)))
        return node

    page = url(catalogue_path())
    catalogue = URIRef(f"{page}#catalogue")
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    texts(catalogue, DCTERMS.title, CATALOGUE_TITLE)
    texts(catalogue, DCTERMS.description, CATALOGUE_DESCRIPTION)
    homepage = url("/")
    graph.add((homepage, RDF.type, FOAF.Document))
    graph.add((catalogue, FOAF.homepage, homepage))

    publisher = URIRef(conf.publisher_uri())
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(conf.publisher_name(), lang="da")))
    graph.add(
        (
            publisher,
            DCTERMS.type,
            concept(
                str(ADMS_PUBLISHER_TYPE.LocalAuthority),
                {"da": "Lokal myndighed", "en": "Local authority"},
            ),
        )
    )
    graph.add((catalogue, DCTERMS.publisher, publisher))

    contact = URIRef(f"{page}#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(conf.publisher_name())))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{conf.contact_email()}")))

    place = URIRef(conf.spatial_uri())
    graph.add((place, RDF.type, DCTERMS.Location))
    graph.add((place, SKOS.prefLabel, Literal(conf.publisher_name(), lang="da")))
    graph.add((catalogue, DCTERMS.spatial, place))

    languages = []
    for code, label in (
        ("DAN", {"da": "dansk", "en": "Danish"}),
        ("ENG", {"da": "engelsk", "en": "English"}),
    ):
        languages.append(
            concept(
                f"http://publications.europa.eu/resource/dataset/language/{code}",
                label,
                kind=DCTERMS.LinguisticSystem,
            )
        )
    for language in languages:
        graph.add((catalogue, DCTERMS.language, language))

    themes = URIRef(f"{EU}data-theme")
    graph.add((themes, RDF.type, SKOS.ConceptScheme))
    graph.add((themes, DCTERMS.title, Literal("Data theme", lang="en")))
    graph.add((catalogue, DCAT.themeTaxonomy, themes))

    licence_nodes = {}
    for code, item in LICENCES.items():
        node = URIRef(item.url)
        graph.add((node, RDF.type, DCTERMS.LicenseDocument))
        graph.add((node, DCTERMS.title, Literal(item.name)))
        graph.add(
            (
                node,
                DCTERMS.type,
                concept(str(ADMS_LICENCE_TYPE[item.kind]), {"en": item.kind_label}),
            )
        )
        licence_nodes[code] = node
    # The description itself is free for any use.
    graph.add((catalogue, DCTERMS.license, licence_nodes["CC0-1.0"]))

    continuously = concept(
        f"{EU}frequency/UPDATE_CONT",
        {"da": "løbende opdateret", "en": "continuously updated"},
        kind=DCTERMS.Frequency,
    )
    media_types = {
        "csv": (f"{EU}file-type/CSV", "CSV", f"{IANA}text/csv"),
        "excel": (f"{EU}file-type/CSV", "CSV", f"{IANA}text/csv"),
        "json": (f"{EU}file-type/JSON", "JSON", f"{IANA}application/json"),
    }

    latest = None
    for item in datasets():
        subject = URIRef(f"{page}#dataset-{item.slug}")
        graph.add((catalogue, DCAT.dataset, subject))
        graph.add((subject, RDF.type, DCAT.Dataset))
        texts(subject, DCTERMS.title, item.title)
        texts(subject, DCTERMS.description, item.description)
        graph.add((subject, DCTERMS.identifier, Literal(str(subject))))
        graph.add((subject, DCTERMS.publisher, publisher))
        graph.add((subject, DCAT.contactPoint, contact))
        graph.add((subject, DCTERMS.spatial, place))
        graph.add((subject, DCTERMS.accrualPeriodicity, continuously))
        for language in languages:
            graph.add((subject, DCTERMS.language, language))
        theme = concept(f"{EU}data-theme/{item.theme}", THEME_LABELS[item.theme])
        graph.add((theme, SKOS.inScheme, themes))
        graph.add((subject, DCAT.theme, theme))
        for keyword in item.keywords:
            texts(subject, DCAT.keyword, keyword)
        landing = URIRef(f"{page}#{item.slug}")
        graph.add((subject, DCAT.landingPage, landing))
        graph.add((landing, RDF.type, FOAF.Document))
        changed = modified.get(item.slug)
        if changed is not None:
            graph.add((subject, DCTERMS.modified, _literal_date(changed)))
            if isinstance(changed, datetime) and (latest is None or changed > latest):
                latest = changed
        for format_key in FORMATS:
            distribution = URIRef(f"{page}#{item.slug}-{format_key}")
            graph.add((subject, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            download = url(download_path(item, format_key))
            graph.add((distribution, DCAT.accessURL, download))
            graph.add((distribution, DCAT.downloadURL, download))
            texts(distribution, DCTERMS.title, DISTRIBUTION_TITLES[format_key])
            file_type, file_label, media_type = media_types[format_key]
            format_node = URIRef(file_type)
            graph.add((format_node, RDF.type, DCTERMS.MediaTypeOrExtent))
            graph.add((format_node, SKOS.prefLabel, Literal(file_label)))
            graph.add((distribution, DCTERMS.format, format_node))
            media_node = URIRef(media_type)
            graph.add((media_node, RDF.type, DCTERMS.MediaType))
            graph.add((distribution, DCAT.mediaType, media_node))
            graph.add((distribution, DCTERMS.license, licence_nodes[item.licence]))
            if changed is not None:
                graph.add((distribution, DCTERMS.modified, _literal_date(changed)))
    if latest is not None:
        graph.add((catalogue, DCTERMS.modified, _literal_date(latest)))
    return graph


DISTRIBUTION_TITLES = {
    "csv": _("CSV (UTF-8, comma, ISO 8601 dates)"),
    "excel": _("CSV for Danish Excel (UTF-8 with BOM, semicolon, decimal comma)"),
    "json": _("JSON"),
}

"""The data page, the downloads and the DCAT-AP-DK description. Each reads a fixed number of
queries: one per dataset for when it last changed, and the rows of the one downloaded."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from samskab.opendata import catalogue as catalogue_module
from samskab.opendata import formats

# Live data: a few minutes in a cache is fresh enough, and spares a popular file's queries.
MAX_AGE = 300

DESCRIPTION_FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
}


@require_GET
def catalogue(request):
    entries = []
    for dataset in catalogue_module.datasets():
        entries.append(
            {
                "dataset": dataset,
                "licence": catalogue_module.licence(dataset),
                "modified": dataset.modified(),
                "downloads": [
                    (format_.label, catalogue_module.download_path(dataset, key))
                    for key, format_ in formats.FORMATS.items()
                ],
                "page": reverse(dataset.page) if dataset.page else "",
            }
        )
    return render(
        request,
        "opendata/catalogue.html",
        {
            "entries": entries,
            "title": catalogue_module.CATALOGUE_TITLE,
            "description": catalogue_module.CATALOGUE_DESCRIPTION,
            "descriptions": [
                ("Turtle", reverse("opendata:description", kwargs={"extension": "ttl"})),
                ("RDF/XML", reverse("opendata:description", kwargs={"extension": "rdf"})),
                ("JSON-LD", reverse("opendata:description", kwargs={"extension": "jsonld"})),
            ],
        },
    )


@require_GET
@cache_control(public=True, max_age=MAX_AGE)
def download(request, slug: str, extension: str):
    dataset = catalogue_module.dataset(slug)
    if dataset is None:
        raise Http404
    format_ = next(item for item in formats.FORMATS.values() if item.extension == extension)
    modified = dataset.modified()
    licence = catalogue_module.licence(dataset)
    header = dataset.column_names
    if format_.key == "json":
        head = {
            "dataset": dataset.slug,
            "title": catalogue_module.in_each_language(dataset.title),
            "licence": licence.url,
            "modified": formats.json_value(modified),
            "description": request.build_absolute_uri(catalogue_module.catalogue_path())
            + f"#{dataset.slug}",
            "columns": list(header),
        }
        chunks = formats.json_chunks(head, header, dataset.rows())
    else:
        chunks = formats.csv_chunks(header, dataset.rows(), excel=format_.key == "excel")
    response = StreamingHttpResponse(chunks, content_type=format_.content_type)
    filename = f"{dataset.slug}-excel.csv" if format_.key == "excel" else f"{slug}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    description = reverse("opendata:description", kwargs={"extension": "ttl"})
    response["Link"] = (
        f'<{licence.url}>; rel="license", '
        f'<{request.build_absolute_uri(description)}>; rel="describedby"; type="text/turtle"'
    )
    if modified is not None and hasattr(modified, "timestamp"):
        response["Last-Modified"] = http_date(modified.timestamp())
    return response


@require_GET
@cache_control(public=True, max_age=MAX_AGE)
def description(request, extension: str):
    serialization, content_type = DESCRIPTION_FORMATS[extension]
    graph = catalogue_module.catalogue_graph(
        base_url=request.build_absolute_uri("/"),
        modified={dataset.slug: dataset.modified() for dataset in catalogue_module.datasets()},
    )
    return HttpResponse(graph.serialize(format=serialization), content_type=content_type)

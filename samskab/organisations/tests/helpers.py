from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


def text_of(response) -> str:
    return response.content.decode()

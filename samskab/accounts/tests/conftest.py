import pytest


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Each request ends as a real one does, with its transaction committed, so the emails
    it put in the outbox are delivered (a test runs inside one transaction that never
    commits)."""
    request = client.request

    def committing_request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(**kwargs)

    client.request = committing_request
    return client

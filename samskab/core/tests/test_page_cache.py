"""samskab.core.page_cache: versioned scopes, and which pages may be kept for visitors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.response import TemplateResponse

from samskab.core import page_cache

SCOPE = page_cache.Scope("tests:pages", setting="TEST_PAGE_CACHE_SECONDS")


def visitor_request(rf, path="/side/", **extra):
    request = rf.get(path, **extra)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_scope_keys_by_its_parts_and_forgets_all_at_once():
    key = SCOPE.key("da", "/side/")
    assert key == SCOPE.key("da", "/side/")
    assert key != SCOPE.key("en", "/side/")
    SCOPE.set(key, "kept")
    assert SCOPE.get(key) == "kept"

    SCOPE.forget()

    assert SCOPE.key("da", "/side/") != key
    assert SCOPE.get(SCOPE.key("da", "/side/")) is None


def test_a_scope_forgets_again_when_the_transaction_commits(django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        SCOPE.forget()
        during = SCOPE.key("x")
    assert len(callbacks) == 1
    callbacks[0]()
    assert SCOPE.key("x") != during


def test_a_new_release_shows_nothing_an_earlier_one_kept_and_forgetting_is_shared(monkeypatch):
    monkeypatch.setattr(page_cache, "release", lambda: "old-release")
    kept_by_old = SCOPE.key("da", "/side/")
    SCOPE.set(kept_by_old, "made by the old templates")
    old_fragments = page_cache.fragment_version(SCOPE)

    monkeypatch.setattr(page_cache, "release", lambda: "new-release")
    kept_by_new = SCOPE.key("da", "/side/")
    assert kept_by_new != kept_by_old
    assert SCOPE.get(kept_by_new) is None
    assert page_cache.fragment_version(SCOPE) != old_fragments
    SCOPE.set(kept_by_new, "made by the new templates")

    # During a deploy, a server still running the old release saves a change: the new
    # release's entries are forgotten too.
    monkeypatch.setattr(page_cache, "release", lambda: "old-release")
    SCOPE.forget()
    monkeypatch.setattr(page_cache, "release", lambda: "new-release")
    assert SCOPE.get(SCOPE.key("da", "/side/")) is None


def test_zero_seconds_turns_a_scope_off(settings):
    settings.TEST_PAGE_CACHE_SECONDS = 0
    assert SCOPE.key("da") is None
    SCOPE.set(None, "ignored")
    assert SCOPE.get(None) is None


def test_seconds_come_from_the_setting_or_the_default(settings):
    del settings.TEST_PAGE_CACHE_SECONDS
    assert SCOPE.seconds() == 60
    settings.TEST_PAGE_CACHE_SECONDS = 5
    assert SCOPE.seconds() == 5
    settings.TEST_PAGE_CACHE_SECONDS = "soon"
    with pytest.raises(ImproperlyConfigured):
        SCOPE.seconds()


def test_only_plain_gets_by_visitors_without_messages_have_a_key(rf, django_user_model, db):
    assert page_cache.visitor_page_key(visitor_request(rf), SCOPE)

    posted = rf.post("/side/")
    posted.user = AnonymousUser()
    assert page_cache.visitor_page_key(posted, SCOPE) is None

    logged_in = visitor_request(rf)
    logged_in.user = django_user_model.objects.create_user("a@example.org", "pw-123456789")
    assert page_cache.visitor_page_key(logged_in, SCOPE) is None

    with_message = visitor_request(rf)
    with_message._messages.add(20, "Tak!")
    assert page_cache.visitor_page_key(with_message, SCOPE) is None

    with_query = visitor_request(rf, "/side/?a=1")
    assert page_cache.visitor_page_key(with_query, SCOPE) is None
    assert page_cache.visitor_page_key(with_query, SCOPE, "a=1", allow_query=True)

    htmx = visitor_request(rf)
    htmx.htmx = True
    assert page_cache.visitor_page_key(htmx, SCOPE) is None


def test_different_hosts_and_paths_have_different_keys(rf):
    one = page_cache.visitor_page_key(visitor_request(rf, "/a/"), SCOPE)
    two = page_cache.visitor_page_key(visitor_request(rf, "/b/"), SCOPE)
    other_host = page_cache.visitor_page_key(
        visitor_request(rf, "/a/", HTTP_HOST="other.example"), SCOPE
    )
    assert len({one, two, other_host}) == 3


def _serve(request, build):
    key = page_cache.visitor_page_key(request, SCOPE)
    return page_cache.visitor_page(request, SCOPE, key, build)


def test_a_template_response_is_kept_with_a_placeholder_for_the_token(rf):
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}</form><p>{{ word }}</p>'
    )
    first_request = visitor_request(rf)
    first = _serve(
        first_request, lambda: TemplateResponse(first_request, template, {"word": "Hej"})
    )
    second_request = visitor_request(rf)
    second = _serve(second_request, lambda: pytest.fail("built again"))

    for request, response in ((first_request, first), (second_request, second)):
        html = response.content.decode()
        assert "<p>Hej</p>" in html
        assert "csrf-placeholder" not in html
        # Each visitor's token is theirs, and their cookie is sent with it.
        assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert first.content != second.content
    entry = SCOPE.get(page_cache.visitor_page_key(visitor_request(rf), SCOPE))
    assert entry["csrf_placeholder"].encode() in entry["content"]


@pytest.mark.parametrize(
    "build",
    [
        # a real token in the page (e.g. a template with a context of its own)
        lambda request: HttpResponse(f'<input value="{get_token(request)}">'),
        lambda request: HttpResponse("not found", status=404),
        lambda request: _with_cookie(HttpResponse("biscuit")),
        lambda request: _with_header(HttpResponse("private"), "Cache-Control", "private"),
        lambda request: _with_session(request, HttpResponse("remembered")),
        lambda request: _with_message(request, HttpResponse("said")),
    ],
    ids=["real-token", "not-200", "cookie", "header", "session", "message"],
)
def test_pages_that_could_differ_between_visitors_are_never_kept(rf, build):
    request = visitor_request(rf)
    _serve(request, lambda: build(request))

    built_again = []
    again = visitor_request(rf)
    _serve(again, lambda: built_again.append(True) or HttpResponse("fresh"))
    assert built_again


def _with_cookie(response):
    response.set_cookie("biscuit", "1")
    return response


def _with_header(response, name, value):
    response[name] = value
    return response


def _with_session(request, response):
    request.session["seen"] = True
    return response


def _with_message(request, response):
    request._messages.add(20, "Tak!")
    return response


def test_a_transaction_registers_one_commit_bump_however_many_rows_change(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(100):
            SCOPE.forget()
    assert len(callbacks) == 1


def test_a_bump_rolled_back_with_a_savepoint_is_registered_again(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            SCOPE.forget()
            raise RuntimeError
        SCOPE.forget()
    assert len(callbacks) == 1


def test_forgetting_a_tag_forgets_only_the_entries_keyed_with_it():
    first = SCOPE.key("/a/", tags=["tests.row:1"])
    second = SCOPE.key("/b/", tags=["tests.row:2", "tests.other:9"])
    SCOPE.set(first, "a")
    SCOPE.set(second, "b")

    page_cache.forget_tags(["tests.other:9"])

    assert SCOPE.get(SCOPE.key("/a/", tags=["tests.row:1"])) == "a"
    assert SCOPE.get(SCOPE.key("/b/", tags=["tests.row:2", "tests.other:9"])) is None
    # Forgetting the scope still forgets everything, tagged or not.
    SCOPE.forget()
    assert SCOPE.get(SCOPE.key("/a/", tags=["tests.row:1"])) is None


def test_tags_are_forgotten_again_when_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for number in range(50):
            page_cache.forget_tags([f"tests.row:{number}", "tests.common:1"])
        during = [SCOPE.key("x", tags=["tests.row:7"]), SCOPE.key("x", tags=["tests.common:1"])]
    assert len(callbacks) == 1
    callbacks[0]()
    assert SCOPE.key("x", tags=["tests.row:7"]) != during[0]
    assert SCOPE.key("x", tags=["tests.common:1"]) != during[1]


def test_an_entry_varying_on_another_scope_is_forgotten_with_it_too(settings, cache_round_trips):
    other = page_cache.Scope("tests:other", setting="TEST_PAGE_CACHE_SECONDS")
    key = SCOPE.key("/a/", tags=["tests.row:1"], varies_on=[other])
    SCOPE.set(key, "a")
    cache_round_trips.clear()
    assert SCOPE.key("/a/", tags=["tests.row:1"], varies_on=[other]) == key
    assert cache_round_trips == ["get_many"]  # both scopes' versions and the tag's at once
    assert SCOPE.key("/a/", tags=["tests.row:1"]) != key

    other.forget()

    assert SCOPE.get(SCOPE.key("/a/", tags=["tests.row:1"], varies_on=[other])) is None


def test_a_row_names_its_tag_by_model_and_key():
    from django.contrib.auth.models import Group

    assert page_cache.tag(Group, 12) == "auth.group:12"
    assert page_cache.tag(Group(pk=3)) == "auth.group:3"


def test_kept_fragments_are_rendered_once_each_and_forgotten_by_their_tags(settings):
    settings.TEST_PAGE_CACHE_SECONDS = 60
    rendered = []

    def render(items):
        rendered.append(list(items))
        return [f"<p>{item}</p>" if item != "gone" else "" for item in items]

    def kept(items):
        return page_cache.kept_fragments(
            SCOPE, items, parts=lambda item: (item,), tags=lambda item: [f"t:{item}"], render=render
        )

    assert kept(["a", "b", "gone"]) == ["<p>a</p>", "<p>b</p>", ""]
    # Kept ones are not rendered again, in any list; the empty one (its row is gone) is.
    assert kept(["c", "b", "a", "gone"]) == ["<p>c</p>", "<p>b</p>", "<p>a</p>", ""]
    assert rendered == [["a", "b", "gone"], ["c", "gone"]]

    page_cache.forget_tags(["t:b"])
    assert kept(["a", "b"]) == ["<p>a</p>", "<p>b</p>"]
    assert rendered[-1] == ["b"]
    assert kept([]) == []


@pytest.fixture
def cache_round_trips(monkeypatch):
    """The cache calls made from now on, one name per round trip to the cache."""
    from django.core.cache import cache

    calls, depth = [], []

    def counted(name, original):
        def call(*args, **kwargs):
            if not depth:  # the local-memory cache's get_many calls get: one round trip
                calls.append(name)
            depth.append(name)
            try:
                return original(*args, **kwargs)
            finally:
                depth.pop()

        return call

    for name in ("get", "get_many", "set_many", "add", "set"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    return calls


def test_a_key_reads_the_scopes_and_its_tags_versions_in_one_round_trip(
    settings, cache_round_trips
):
    settings.TEST_PAGE_CACHE_SECONDS = 60
    first = SCOPE.key("page", tags=["t:1", "t:2"])
    assert sorted(cache_round_trips) == ["add", "add", "add", "get_many"]  # versions made

    cache_round_trips.clear()
    assert SCOPE.key("page", tags=["t:1", "t:2"]) == first
    assert cache_round_trips == ["get_many"]


def test_kept_fragments_cost_three_cache_round_trips_however_many(settings, cache_round_trips):
    settings.TEST_PAGE_CACHE_SECONDS = 60
    SCOPE.versions([f"t:{n}" for n in range(50)])  # make the versions exist
    cache_round_trips.clear()

    page_cache.kept_fragments(
        SCOPE,
        range(50),
        parts=lambda n: (str(n),),
        tags=lambda n: [f"t:{n}"],
        render=lambda items: [str(n) for n in items],
    )

    assert sorted(cache_round_trips) == ["get_many", "get_many", "set_many"]


def test_with_the_scope_off_every_fragment_is_rendered(settings):
    settings.TEST_PAGE_CACHE_SECONDS = 0
    rendered = []

    def render(items):
        rendered.extend(items)
        return [str(item) for item in items]

    for _ in range(2):
        page_cache.kept_fragments(
            SCOPE, [1, 2], parts=lambda n: (str(n),), tags=lambda n: [], render=render
        )
    assert rendered == [1, 2, 1, 2]
